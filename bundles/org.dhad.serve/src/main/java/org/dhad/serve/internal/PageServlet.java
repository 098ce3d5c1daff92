package org.dhad.serve.internal;

import java.io.IOException;
import java.io.InputStream;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /}: the one page of the service (drop an image, see the verdict and the overlay), from the bundle; every
 * other path not served by another servlet is a 404.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/",
        "osgi.http.whiteboard.servlet.name=dhad-page"})
public final class PageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String PAGE = "/web/index.html";

    private final transient ServedModels served;

    @Activate
    public PageServlet(@Reference ServedModels served) {
        this.served = served;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!path.equals("/") && !path.equals("/index.html") && !path.isEmpty()) {
            JsonReplies.error(response, 404, "no such page: the service answers /, /health, /v1/models and "
                    + "POST /v1/inspect");
            return;
        }
        try (InputStream page = PageServlet.class.getResourceAsStream(PAGE)) {
            if (page == null) {
                JsonReplies.error(response, 500, "the page is missing from the bundle (" + PAGE + ")");
                return;
            }
            byte[] bytes = page.readAllBytes();
            response.setContentType("text/html");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }
}

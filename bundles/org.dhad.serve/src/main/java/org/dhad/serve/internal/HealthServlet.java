package org.dhad.serve.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.google.gson.JsonObject;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /health}: up, with the queue's state and counts. */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/health",
        "osgi.http.whiteboard.servlet.name=dhad-health"})
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ServedModels served;

    @Activate
    public HealthServlet(@Reference ServedModels served) {
        this.served = served;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ScoringQueue queue = served.queue();
        JsonObject body = new JsonObject();
        body.addProperty("status", "ok");
        body.addProperty("models", served.all().size());
        body.addProperty("inFlight", queue.inFlight());
        body.addProperty("queueCapacity", queue.capacity());
        body.addProperty("scored", queue.scored());
        body.addProperty("batches", queue.batches());
        body.addProperty("rejected", queue.rejected());
        body.addProperty("uptimeSeconds", served.uptimeSeconds());
        JsonReplies.send(response, 200, body);
    }
}

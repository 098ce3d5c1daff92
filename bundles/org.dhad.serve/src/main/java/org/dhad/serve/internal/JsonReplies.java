package org.dhad.serve.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServletResponse;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The service's answers: JSON bodies, errors as {@code {"error": "..."}} with their status. */
final class JsonReplies {

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private JsonReplies() {
    }

    static void send(HttpServletResponse response, int status, JsonElement body) throws IOException {
        byte[] bytes = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        send(response, status, error(status, message));
    }

    /** The body of an error answer. */
    static JsonObject error(int status, String message) {
        JsonObject body = new JsonObject();
        body.addProperty("status", status);
        body.addProperty("error", message);
        return body;
    }
}

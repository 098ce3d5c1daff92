package org.dhad.serve.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.dhad.engine.EngineException;
import org.dhad.engine.PredictionJson;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /v1/models}: the served runs, each with its categories, input size and deciding thresholds. */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/v1/models",
        "osgi.http.whiteboard.servlet.name=dhad-models"})
public final class ModelsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ServedModels served;

    @Activate
    public ModelsServlet(@Reference ServedModels served) {
        this.served = served;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonArray models = new JsonArray();
        for (ServedModel model : served.all()) {
            JsonObject entry = new JsonObject();
            entry.addProperty("name", model.name());
            entry.addProperty("run", model.inspector().runDir().toString());
            entry.addProperty("inputSize", model.inspector().inputSize());
            JsonArray categories = new JsonArray();
            JsonObject thresholds = new JsonObject();
            for (String category : model.inspector().categories()) {
                categories.add(category);
                try {
                    thresholds.add(category, PredictionJson.thresholds(model.inspector().thresholds(category)));
                } catch (EngineException e) {
                    thresholds.addProperty(category, e.getMessage());
                }
            }
            entry.add("categories", categories);
            entry.add("thresholds", thresholds);
            models.add(entry);
        }
        JsonObject body = new JsonObject();
        body.add("models", models);
        JsonReplies.send(response, 200, body);
    }
}

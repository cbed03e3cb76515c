package dev.myelin.fashion.serve;

import dev.myelin.fashion.api.FashionClassifier;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.json.JsonFields;
import dev.myelin.fashion.predict.ImageInputException;
import dev.myelin.io.JsonException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What {@code POST /predict} was asked: the 28x28 pixels to classify, from either body it accepts.
 *
 * <ul>
 *   <li>JSON ({@code Content-Type: application/json}): {@code {"pixels": [784 numbers in [0, 1]]}},
 *       28x28 row-major with 0 the background, as the dataset's bytes divided by 255.
 *   <li>Anything else is taken as a picture (PNG, JPEG, GIF, BMP), made to look like the dataset as
 *       {@code ./fashion predict} does; {@code ?invert=true} for a dark garment on a light background.
 * </ul>
 */
record PredictRequest(float[] pixels) {
    /** Pictures longer than this on a side are refused from their header, before decoding. */
    static final int MAX_SIDE = 4096;

    static PredictRequest parse(String contentType, byte[] body, boolean invert) throws BadRequest {
        if (body.length == 0) {
            throw new BadRequest("the body is empty: send a picture, or JSON {\"pixels\": [784 numbers]}");
        }
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return new PredictRequest(pixelsFromJson(new String(body, StandardCharsets.UTF_8)));
        }
        try {
            return new PredictRequest(FashionClassifier.toPixels(body, invert, MAX_SIDE));
        } catch (ImageInputException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static float[] pixelsFromJson(String text) throws BadRequest {
        Object parsed;
        try {
            parsed = JsonFields.parse(text);
        } catch (JsonException e) {
            throw new BadRequest("the body is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> object) || !(object.get("pixels") instanceof List<?> values)) {
            throw new BadRequest("expected a JSON object with \"pixels\": an array of " + FashionMnist.PIXELS + " numbers");
        }
        if (values.size() != FashionMnist.PIXELS) {
            throw new BadRequest("\"pixels\" has " + values.size() + " values, not " + FashionMnist.PIXELS + " (28x28)");
        }
        float[] pixels = new float[FashionMnist.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            if (!(values.get(i) instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
                throw new BadRequest("\"pixels\"[" + i + "] is " + values.get(i) + ", not a number in [0, 1]");
            }
            pixels[i] = n.floatValue();
        }
        return pixels;
    }
}

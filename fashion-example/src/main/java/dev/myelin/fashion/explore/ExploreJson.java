package dev.myelin.fashion.explore;

import dev.myelin.fashion.data.FashionMnist;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Exploration} as JSON, for programs: the counts, the class statistics with their images
 * (784 values each, row-major, in [0, 1]), the histogram, the distances, the sample indices, the
 * principal components and the projected points.
 */
public final class ExploreJson {
    /** The file's name, beside {@link ExplorePage#FILE_NAME}. */
    public static final String FILE_NAME = "explore.json";

    private ExploreJson() {}

    /** The JSON object, for {@link dev.myelin.fashion.json.JsonWriter}. */
    public static Map<String, Object> toJson(Exploration data) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("classes", FashionMnist.CLASS_NAMES);
        json.put("counts", counts(data.counts()));
        json.put("class_statistics", classStatistics(data.classes()));
        json.put("pixels", pixels(data.pixels()));
        json.put("mean_distances", distances(data.distances()));
        json.put("samples", samples(data.samples()));
        json.put("pca", pca(data.pca(), data.projection()));
        return json;
    }

    private static Map<String, Object> counts(SplitCounts counts) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("train", counts.train());
        json.put("validation", counts.validation());
        json.put("test", counts.test());
        json.put("train_total", counts.trainTotal());
        json.put("validation_total", counts.validationTotal());
        json.put("test_total", counts.testTotal());
        return json;
    }

    private static List<Object> classStatistics(ClassStatistics classes) {
        List<Object> list = new ArrayList<>();
        for (int c = 0; c < classes.classes(); c++) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("class", FashionMnist.CLASS_NAMES.get(c));
            json.put("images", classes.count(c));
            json.put("mean_intensity", classes.meanIntensity(c));
            json.put("mean_std", classes.meanDeviation(c));
            json.put("mean_image", floats(classes.mean(c)));
            json.put("std_image", floats(classes.deviation(c)));
            list.add(json);
        }
        return list;
    }

    private static Map<String, Object> pixels(PixelHistogram pixels) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("of", "training split");
        json.put("total", pixels.total());
        json.put("zero_fraction", pixels.zeroFraction());
        json.put("mean", pixels.mean());
        json.put("histogram", longs(pixels.counts()));
        return json;
    }

    private static Map<String, Object> distances(ClassDistances distances) {
        Map<String, Object> json = new LinkedHashMap<>();
        List<Object> closest = new ArrayList<>();
        for (ClassDistances.Pair pair : distances.closest(ExplorePage.CLOSEST_PAIRS)) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("first", FashionMnist.CLASS_NAMES.get(pair.first()));
            p.put("second", FashionMnist.CLASS_NAMES.get(pair.second()));
            p.put("distance", pair.distance());
            closest.add(p);
        }
        json.put("closest", closest);
        json.put("table", List.of(distances.table()));
        return json;
    }

    private static Map<String, Object> samples(int[][] samples) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("of", "training split");
        json.put("indices", List.of(samples));
        return json;
    }

    private static Map<String, Object> pca(Pca pca, Projection projection) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fit_on", "training split");
        json.put("fit_images", pca.fitRows());
        json.put("total_variance", pca.totalVariance());
        List<Object> components = new ArrayList<>();
        for (Pca.Component component : pca.components()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("variance", component.variance());
            c.put("explained_variance", component.explained());
            c.put("iterations", component.iterations());
            c.put("converged", component.converged());
            c.put("direction", floats(component.direction()));
            components.add(c);
        }
        json.put("components", components);
        Map<String, Object> projected = new LinkedHashMap<>();
        projected.put("of", "first test images");
        projected.put("images", projection.size());
        projected.put("labels", projection.labels());
        projected.put("pc1", coordinate(projection, 0));
        projected.put("pc2", coordinate(projection, 1));
        json.put("projection", projected);
        return json;
    }

    private static List<Float> coordinate(Projection projection, int axis) {
        List<Float> values = new ArrayList<>(projection.size());
        for (float[] point : projection.points()) {
            values.add(point[axis]);
        }
        return values;
    }

    private static List<Float> floats(float[] values) {
        List<Float> list = new ArrayList<>(values.length);
        for (float v : values) {
            list.add(v);
        }
        return list;
    }

    private static List<Long> longs(long[] values) {
        List<Long> list = new ArrayList<>(values.length);
        for (long v : values) {
            list.add(v);
        }
        return list;
    }
}

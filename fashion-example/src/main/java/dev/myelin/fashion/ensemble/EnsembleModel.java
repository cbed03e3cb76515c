package dev.myelin.fashion.ensemble;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.eval.Inference;
import dev.myelin.fashion.run.TrainedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An ensemble: the class probabilities of several trained models, averaged. Models that err on different
 * images outvote each other's mistakes, so the mean is usually more accurate than its best member.
 * The logits are the logarithms of the mean probabilities, as {@link TrainedModel#logits} asks.
 */
public final class EnsembleModel implements TrainedModel {
    /** The name of an ensemble run's model in its {@code config.json}. */
    public static final String PRESET = "ensemble";

    private final List<TrainedModel> members;

    public EnsembleModel(List<TrainedModel> members) {
        if (members.size() < 2) {
            throw new IllegalArgumentException("an ensemble needs at least two models, not " + members.size());
        }
        this.members = List.copyOf(members);
    }

    public List<TrainedModel> members() {
        return members;
    }

    @Override
    public float[][] logits(float[][] images) {
        double[][] sum = new double[images.length][FashionMnist.CLASSES];
        for (TrainedModel member : members) {
            float[][] p = Inference.probabilities(member, images);
            for (int i = 0; i < images.length; i++) {
                for (int c = 0; c < FashionMnist.CLASSES; c++) {
                    sum[i][c] += p[i][c];
                }
            }
        }
        float[][] logits = new float[images.length][FashionMnist.CLASSES];
        for (int i = 0; i < images.length; i++) {
            for (int c = 0; c < FashionMnist.CLASSES; c++) {
                logits[i][c] = (float) Math.log(sum[i][c] / members.size());
            }
        }
        return logits;
    }

    /** The mean of the members' saliency maps: where the ensemble as a whole looks. */
    @Override
    public float[][] saliency(float[][] images, int[] classes) {
        saliencyUnavailable().ifPresent(why -> {
            throw new UnsupportedOperationException(why);
        });
        float[][] mean = new float[images.length][FashionMnist.PIXELS];
        for (TrainedModel member : members) {
            float[][] s = member.saliency(images, classes);
            for (int i = 0; i < images.length; i++) {
                for (int p = 0; p < FashionMnist.PIXELS; p++) {
                    mean[i][p] += s[i][p] / members.size();
                }
            }
        }
        return mean;
    }

    @Override
    public Optional<String> saliencyUnavailable() {
        for (TrainedModel member : members) {
            Optional<String> why = member.saliencyUnavailable();
            if (why.isPresent()) {
                return Optional.of("a member of the ensemble (" + member.preset() + ") has no saliency: " + why.get());
            }
        }
        return Optional.empty();
    }

    /** Every class some member scores. */
    @Override
    public List<Integer> classes() {
        TreeSet<Integer> all = new TreeSet<>();
        members.forEach(m -> all.addAll(m.classes()));
        return List.copyOf(all);
    }

    /** Each member's non-finite weights, named {@code member N: key} with N counting from 1. */
    @Override
    public List<String> nonFiniteWeights() {
        List<String> all = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            for (String key : members.get(m).nonFiniteWeights()) {
                all.add("member " + (m + 1) + ": " + key);
            }
        }
        return List.copyOf(all);
    }

    @Override
    public String preset() {
        return PRESET;
    }
}

package dev.myelin.optim;

import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/** Export and validated restore of an {@link Optimizer}'s state; the key scheme is documented there. */
final class OptimizerCheckpoint {
    private static final String LR = "lr";
    private static final String WEIGHT_DECAY = "weight_decay";
    private static final String STEP = "step";
    /** Step counts are stored as doubles, which hold every integer up to 2^53 exactly. */
    private static final double MAX_STEP = 0x1p53;

    private OptimizerCheckpoint() {
    }

    static Map<String, Tensor> tensors(Optimizer optimizer) {
        var out = new LinkedHashMap<String, Tensor>();
        ParamState[][] states = optimizer.states();
        for (int g = 0; g < states.length; g++) {
            for (int i = 0; i < states[g].length; i++) {
                ParamState state = states[g][i];
                if (state == null) {
                    continue;
                }
                for (String name : optimizer.stateNames()) {
                    if (state.has(name)) {
                        out.put(Optimizer.key(g, i) + "." + name, state.buffer(name).copy());
                    }
                }
            }
        }
        return out;
    }

    static Map<String, Double> scalars(Optimizer optimizer) {
        var out = new LinkedHashMap<String, Double>();
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int g = 0; g < groups.size(); g++) {
            out.put(groupKey(g, LR), groups.get(g).lr());
            out.put(groupKey(g, WEIGHT_DECAY), groups.get(g).weightDecay());
        }
        ParamState[][] states = optimizer.states();
        for (int g = 0; g < states.length; g++) {
            for (int i = 0; i < states[g].length; i++) {
                if (states[g][i] != null) {
                    out.put(Optimizer.key(g, i) + "." + STEP, (double) states[g][i].step());
                }
            }
        }
        return out;
    }

    /** Validates everything first, then replaces the optimizer's options and state. */
    static void load(Optimizer optimizer, Map<String, Tensor> tensors, Map<String, Double> scalars) {
        List<ParamGroup> groups = optimizer.paramGroups();
        List<String> names = optimizer.stateNames();
        SortedSet<String> unusedTensors = new TreeSet<>(tensors.keySet());
        SortedSet<String> unusedScalars = new TreeSet<>(scalars.keySet());
        double[] lrs = new double[groups.size()];
        double[] weightDecays = new double[groups.size()];
        ParamState[][] loaded = new ParamState[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            lrs[g] = Checks.nonNegative(groupKey(g, LR), required(scalars, groupKey(g, LR), groups.size()));
            weightDecays[g] = Checks.nonNegative(groupKey(g, WEIGHT_DECAY),
                    required(scalars, groupKey(g, WEIGHT_DECAY), groups.size()));
            unusedScalars.remove(groupKey(g, LR));
            unusedScalars.remove(groupKey(g, WEIGHT_DECAY));
            List<Parameter> params = groups.get(g).params();
            loaded[g] = new ParamState[params.size()];
            for (int i = 0; i < params.size(); i++) {
                String param = Optimizer.key(g, i);
                String stepKey = param + "." + STEP;
                Double step = scalars.get(stepKey);
                unusedScalars.remove(stepKey);
                Tensor value = params.get(i).value();
                ParamState state = step == null ? null : new ParamState(value.dims(), names);
                if (state != null) {
                    state.setStep(checkStep(stepKey, step));
                }
                for (String name : names) {
                    String key = param + "." + name;
                    Tensor t = tensors.get(key);
                    unusedTensors.remove(key);
                    if (t == null) {
                        if (state != null && !optimizer.isOptionalState(name)) {
                            throw new IllegalArgumentException("missing tensor " + key + " (" + stepKey + " is present)");
                        }
                        continue;
                    }
                    if (state == null) {
                        throw new IllegalArgumentException("tensor " + key + " has no step count " + stepKey);
                    }
                    if (!Arrays.equals(t.dims(), value.dims())) {
                        throw new IllegalArgumentException("tensor " + key + " has shape " + t.shape() + " but parameter "
                                + param + " has shape " + value.shape());
                    }
                    Tensor buffer = state.buffer(name);
                    System.arraycopy(t.array(), t.arrayOffset(), buffer.array(), buffer.arrayOffset(), t.size());
                }
                loaded[g][i] = state;
            }
        }
        if (!unusedScalars.isEmpty()) {
            throw new IllegalArgumentException("unknown scalar " + unusedScalars.first() + " (the optimizer has "
                    + groups.size() + " group(s) and keeps " + names + " per parameter)");
        }
        if (!unusedTensors.isEmpty()) {
            throw new IllegalArgumentException("unknown tensor " + unusedTensors.first() + " (the optimizer has "
                    + groups.size() + " group(s) and keeps " + names + " per parameter)");
        }
        ParamState[][] states = optimizer.states();
        for (int g = 0; g < groups.size(); g++) {
            groups.get(g).setLr(lrs[g]).setWeightDecay(weightDecays[g]);
            System.arraycopy(loaded[g], 0, states[g], 0, loaded[g].length);
        }
    }

    private static double required(Map<String, Double> scalars, String key, int groupCount) {
        Double v = scalars.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing scalar " + key + " (the optimizer has " + groupCount + " group(s))");
        }
        return v;
    }

    private static long checkStep(String key, double step) {
        if (!(step >= 1 && step <= MAX_STEP && step == Math.rint(step))) {
            throw new IllegalArgumentException(key + " must be a whole number of updates >= 1, got " + step);
        }
        return (long) step;
    }

    private static String groupKey(int group, String option) {
        return "group" + group + "." + option;
    }
}

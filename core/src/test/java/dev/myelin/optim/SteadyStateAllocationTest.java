package dev.myelin.optim;

import static dev.myelin.optim.OptimTesting.setGrad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After the first step has allocated the state buffers, a step allocates nothing (for parameters
 * small enough that the kernels do not fan out to other threads). Measured with the JVM's per-thread
 * allocation counter, skipped where it is unavailable.
 */
class SteadyStateAllocationTest {
    /**
     * {@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes()}, found reflectively because
     * the module {@code dev.myelin.core}, which tests are compiled into, does not read {@code jdk.management};
     * a method handle invoked exactly does not box the result, so reading the counter allocates nothing.
     */
    private static MethodHandle allocationCounter() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            Class<?> type = Class.forName("com.sun.management.ThreadMXBean");
            if (!type.isInstance(bean) || !(boolean) type.getMethod("isThreadAllocatedMemorySupported").invoke(bean)) {
                return null;
            }
            type.getMethod("setThreadAllocatedMemoryEnabled", boolean.class).invoke(bean, true);
            return MethodHandles.publicLookup()
                    .findVirtual(type, "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class))
                    .bindTo(bean);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Test
    void stepsAfterTheFirstAllocateNothing() throws Throwable {
        MethodHandle allocated = allocationCounter();
        assumeTrue(allocated != null, "per-thread allocation counting is not available");

        Generator g = new Generator(3);
        List<Parameter> ps = List.of(new Parameter(Tensor.randn(g, 64, 32)), new Parameter(Tensor.randn(g, 32)));
        for (Parameter p : ps) {
            setGrad(p, Tensor.randn(g, p.value().dims()));
        }
        List<Optimizer> optimizers = List.of(new SGD(List.of(new ParamGroup(ps)), 0.1, 0.9, 0, 1e-4, true),
                new Adam(List.of(new ParamGroup(ps)), 1e-3, 0.9, 0.999, 1e-8, 1e-2),
                new AdamW(List.of(new ParamGroup(ps)), 1e-3));
        for (Optimizer o : optimizers) {
            o.step(); // the first step allocates the state
            // Vector kernels allocate their vectors until C2 compiles them, so the steady state is
            // reached once the JIT has warmed up: some round of 50 steps must allocate nothing.
            long leastAllocated = Long.MAX_VALUE;
            for (int round = 0; round < 400 && leastAllocated > 0; round++) {
                long before = (long) allocated.invokeExact();
                for (int i = 0; i < 50; i++) {
                    o.step();
                }
                leastAllocated = Math.min(leastAllocated, (long) allocated.invokeExact() - before);
            }
            assertEquals(0, leastAllocated, o.getClass().getSimpleName() + " allocated bytes in 50 steady-state steps");
        }
    }
}

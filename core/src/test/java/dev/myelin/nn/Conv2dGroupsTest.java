package dev.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Shape;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Conv2d} with channel groups, as {@code nn.Conv2d(groups=g)}: shapes, initialisation, printing, errors, gradients. */
class Conv2dGroupsTest {

    @Test
    void groupsDefaultToOne() {
        assertEquals(1, Conv2d.options().groups());
        assertEquals(1, new Conv2d(4, 8, 3, new Generator(1)).groups());
        assertEquals(1, new Conv2d(4, 8, 3, 1, 1, 1, true, new Generator(1)).groups());
    }

    @Test
    void theWeightHoldsTheInputChannelsOfOneGroupAsInPyTorch() {
        Conv2d conv = new Conv2d(6, 4, 3, Conv2d.options().groups(2).generator(new Generator(1)));
        assertEquals(2, conv.groups());
        assertEquals(6, conv.inChannels());
        Map<String, Tensor> state = conv.stateDict();
        assertEquals(Shape.of(4, 3, 3, 3), state.get("weight").shape());
        assertEquals(Shape.of(4), state.get("bias").shape());
        Conv2d depthwise = new Conv2d(5, 10, 3, Conv2d.options().groups(5).bias(false).generator(new Generator(1)));
        assertEquals(Shape.of(10, 1, 3, 3), depthwise.weight().value().shape());
    }

    // PyTorch's kaiming_uniform(a = sqrt(5)) bound is 1/sqrt(fan_in), fan_in = (C_in/groups)·kH·kW: the
    // depthwise 3x3 layer's weights spread up to 1/3, which a fan_in of 64·9 (bound 1/24) would not reach.
    @Test
    void initialisationUsesTheFanInOfOneGroup() {
        Conv2d conv = new Conv2d(64, 64, 3, Conv2d.options().groups(64).generator(new Generator(2)));
        float max = 0;
        for (float v : conv.weight().value().toArray()) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= 1 / 3f && max > 0.3f, "largest |w| " + max + " for the bound 1/3");
        for (float v : conv.bias().value().toArray()) {
            assertTrue(Math.abs(v) <= 1 / 3f, "bias " + v);
        }
    }

    @Test
    void printsGroupsAsPyTorchDoes() {
        Generator gen = new Generator(3);
        assertEquals("Conv2d(4, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), groups=4, bias=False)",
                new Conv2d(4, 8, 3, Conv2d.options().padding(1).groups(4).bias(false).generator(gen)).toString());
        assertEquals("Conv2d(4, 8, kernel_size=(3, 3), stride=(1, 1))",
                new Conv2d(4, 8, 3, Conv2d.options().groups(1).generator(gen)).toString());
    }

    @Test
    void groupsThatDoNotDivideTheChannelsAreRefusedNamingTheNumbers() {
        Generator gen = new Generator(4);
        for (int[] c : new int[][] {{6, 4, 4}, {4, 6, 4}, {4, 4, 0}, {4, 4, -2}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Conv2d(c[0], c[1], 3, Conv2d.options().groups(c[2]).generator(gen)));
            String m = e.getMessage();
            assertTrue(m.startsWith("Conv2d: groups") && m.contains("in_channels=" + c[0])
                    && m.contains("out_channels=" + c[1]) && m.contains("groups=" + c[2]), m);
        }
    }

    @Test
    void forwardIsTheFunctionalConvolutionWithGroups() {
        Generator gen = new Generator(5);
        Conv2d conv = new Conv2d(4, 6, 3, Conv2d.options().stride(2).padding(1).groups(2).generator(gen));
        Tensor x = Tensor.randn(gen, 2, 4, 7, 6);
        assertArrayEquals(Functional.conv2d(x, conv.weight().value(), conv.bias().value(), 2, 1, 1, 2).toArray(),
                conv.forward(x).toArray());
    }

    @Test
    void gradientsReachTheParametersOfADepthwiseLayer() {
        Generator gen = new Generator(6);
        Conv2d conv = new Conv2d(3, 6, 3, Conv2d.options().padding(1).groups(3).generator(gen));
        Tensor x = Tensor.randn(gen, 2, 3, 5, 5).requiresGrad(true);
        NnTesting.gradCheck(() -> conv.forward(x), List.of(x, conv.weight().value(), conv.bias().value()));
    }

    @Test
    void aStateDictMovesBetweenGroupedLayersButNotIntoAnotherGrouping() {
        Conv2d source = new Conv2d(4, 4, 3, Conv2d.options().groups(2).generator(new Generator(7)));
        Conv2d target = new Conv2d(4, 4, 3, Conv2d.options().groups(2).generator(new Generator(8)));
        target.loadStateDict(source.stateDict(), true);
        assertArrayEquals(source.weight().value().toArray(), target.weight().value().toArray());
        Conv2d oneGroup = new Conv2d(4, 4, 3, new Generator(9));
        assertThrows(IllegalArgumentException.class, () -> oneGroup.loadStateDict(source.stateDict(), true));
    }
}

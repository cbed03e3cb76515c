package dev.myelin.io;

import dev.myelin.nn.LoadReport;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Saves and loads a model's {@linkplain Module#stateDict() state dict} as a safetensors file (format:
 * <a href="https://github.com/huggingface/safetensors#format">github.com/huggingface/safetensors#format</a>),
 * the way {@code safetensors.torch.save_file(model.state_dict(), path, metadata={"format": "pt"})} and
 * {@code model.load_state_dict(safetensors.torch.load_file(path))} do in PyTorch.
 *
 * <p>Keys are PyTorch's ({@code 0.weight}, {@code 1.running_mean}, {@code features.3.bias}, ...), so a
 * file written here loads into the same architecture in PyTorch and the other way round; shapes and
 * layouts are PyTorch's too ({@code Linear} weight {@code (out, in)}, {@code Conv2d} weight
 * {@code (out, in, kH, kW)}). Myelin writes every tensor as F32 and reads F32, F16 and BF16 (widened
 * exactly to float32) and I64 and I32 (converted exactly, up to magnitude {@code 2^24}).
 *
 * <p>One difference from PyTorch: batch norm's {@code num_batches_tracked} is an int64 in PyTorch but a
 * float32 scalar here, and it is written as F32 (convert it to {@code torch.long} on the PyTorch side).
 * A file PyTorch wrote with an I64 {@code num_batches_tracked} loads as it is.
 *
 * <pre>{@code
 * StateDict.save(model, Path.of("model.safetensors"));
 * StateDict.load(fresh, Path.of("model.safetensors"));       // strict: every key, every shape
 * }</pre>
 *
 * <p><b>Thread safety.</b> The class keeps no state: saves and loads of different models may run on
 * several threads at once. {@link #save} reads the model's tensors and {@link #load} writes them, so a
 * save must not overlap a training step of the same model, and a load no use of it at all. Two saves to
 * the same file leave one of the two complete files, never a mixture (each is written to its own
 * temporary file and renamed over the target).
 */
public final class StateDict {
    /** The metadata {@code safetensors.torch} and the Hugging Face tools write for PyTorch state dicts. */
    static final Map<String, String> METADATA = Map.of("format", "pt");

    private StateDict() {
    }

    /**
     * Writes {@code model}'s parameters and buffers to {@code file} as F32 tensors under their state-dict
     * names, with the metadata {@code format=pt}, replacing the file atomically.
     *
     * @param model the model whose {@link Module#stateDict()} is written: parameters and buffers, in its
     *     order
     * @param file the file to write; its directory must exist
     * @throws IOException if the file cannot be written; a previous file is then left as it was
     */
    public static void save(Module model, Path file) throws IOException {
        SafetensorsWriter.write(file, model.stateDict(), METADATA);
    }

    /**
     * Loads {@code file} into {@code model} strictly: the file must hold exactly the model's keys, each
     * with the model's shape. Values are copied into the existing tensors, so optimizers holding the
     * parameters keep working.
     *
     * @param model the model to load into, of the architecture the file was saved from
     * @param file a safetensors file, such as one {@link #save} or {@code safetensors.torch} wrote
     * @return the report, clean, naming in {@link LoadReport#nonFiniteKeys()} the entries loaded with NaN or
     *         infinity (a model whose training diverged), which a caller should warn about
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws SafetensorsException              if the file is not a well-formed safetensors file of
     *                                           float tensors
     * @throws StateDictException                if it does not fit the model; nothing is loaded
     * @throws IOException                       if the file cannot be read
     */
    public static LoadReport load(Module model, Path file) throws IOException {
        return load(model, file, true);
    }

    /**
     * Loads {@code file} into {@code model}. When {@code strict}, as {@link #load(Module, Path)}; when
     * not, every entry whose name and shape match is loaded, the others are left as they were, and the
     * returned report lists them.
     *
     * @param model the model to load into
     * @param file a safetensors file, such as one {@link #save} or {@code safetensors.torch} wrote
     * @param strict true to demand exactly the model's keys and shapes (PyTorch's default), false to load
     *     what matches; unlike PyTorch, a shape mismatch is reported rather than raised when not strict
     * @return what did not match (clean after a strict load), and the entries loaded with NaN or infinity
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws SafetensorsException              if the file is not a well-formed safetensors file of
     *                                           float tensors
     * @throws StateDictException                if {@code strict} and the file does not fit the model;
     *                                           nothing is loaded
     * @throws IOException                       if the file cannot be read
     */
    public static LoadReport load(Module model, Path file, boolean strict) throws IOException {
        Map<String, Tensor> state = SafetensorsReader.read(file).tensors();
        if (strict) {
            LoadReport report = StateDictCheck.compare(model, state);
            if (!report.isClean()) {
                throw new StateDictException(file, model.getClass().getSimpleName(), report);
            }
        }
        return model.loadStateDict(state, strict);
    }
}

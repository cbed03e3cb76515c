/**
 * Reading and writing models and training runs as safetensors files (format:
 * <a href="https://github.com/huggingface/safetensors#format">github.com/huggingface/safetensors#format</a>:
 * an 8-byte little-endian header length, a UTF-8 JSON header naming each tensor's dtype, shape and
 * byte range plus optional string {@code __metadata__}, then the little-endian data).
 *
 * <ul>
 *   <li>{@link dev.myelin.io.SafetensorsReader} and {@link dev.myelin.io.SafetensorsWriter}: named
 *       float32 tensors and string metadata; F16 and BF16 are read too, and I64 and I32 integers up to
 *       {@code 2^24} in magnitude (PyTorch's counters). The header is validated before anything is
 *       allocated, and files are replaced atomically.
 *   <li>{@link dev.myelin.io.StateDict}: a model's parameters and buffers under PyTorch's state-dict
 *       names, interchangeable with {@code safetensors.torch}.
 *   <li>{@link dev.myelin.io.Checkpoint}: model, optimizer, scheduler, random generators, counters and
 *       metrics in one versioned file, saved atomically and restored exactly.
 * </ul>
 *
 * <pre>{@code
 * StateDict.save(model, Path.of("model.safetensors"));
 *
 * Checkpoint.save(Path.of("last.ckpt"), CheckpointState.builder(model, optimizer)
 *         .scheduler(scheduler).generator("data", dataGenerator).epoch(epoch).step(step).build());
 * Checkpoint.load(Path.of("last.ckpt")).restoreInto(model, optimizer, scheduler, Map.of("data", dataGenerator));
 * }</pre>
 *
 * Every fault in a file throws an {@link java.io.IOException} subclass that names the file:
 * {@link dev.myelin.io.SafetensorsException} for a malformed file,
 * {@link dev.myelin.io.StateDictException} for a state dict that does not fit a model, and
 * {@link dev.myelin.io.CheckpointException} for a checkpoint that cannot be read or restored.
 */
package dev.myelin.io;

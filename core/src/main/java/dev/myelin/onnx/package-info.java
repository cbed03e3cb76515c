/**
 * Export to ONNX, written by hand with no dependency: {@link dev.myelin.onnx.Onnx#export} turns a
 * model built from {@code dev.myelin.nn}'s layers into an ONNX file (opset 17) with the weights inside,
 * which ONNX Runtime and other runners execute without Myelin. The protobuf encoding is done by a small
 * writer in this package; the field numbers are those of {@code onnx.proto}.
 */
package dev.myelin.onnx;

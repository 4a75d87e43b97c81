using System.Collections.Concurrent;
using Google.Protobuf;
using Onnx;

namespace FaceMask.Onnx;

/// <summary>
/// Makes the leading (batch) dimension of a model with a fixed batch size symbolic, in memory: OnnxSharp's
/// <c>GraphExtensions.SetDim</c> sets dimension 0 of every input, value info and output to <c>N</c> and rewrites the
/// target shapes of Reshape nodes to match. The file on disk is not changed. The rewritten bytes are held weakly per
/// file version, so sessions opened while they are still alive do not parse the file again, and a long-lived
/// process (the web app) does not keep them.
/// </summary>
internal static class OnnxBatchDimension
{
    private static readonly ConcurrentDictionary<(string Path, long Length, long Ticks), WeakReference<byte[]>> Rewritten = new();

    /// <summary>The model at <paramref name="path"/> with a symbolic batch dimension, serialised for <c>InferenceSession</c>.</summary>
    /// <exception cref="FaceMaskException">The file is missing or not a readable ONNX model; the message names it.</exception>
    public static byte[] Symbolic(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FaceMaskException($"{path}: cannot read the ONNX file (it does not exist)");
        }

        var key = (info.FullName, info.Length, info.LastWriteTimeUtc.Ticks);
        if (Rewritten.TryGetValue(key, out WeakReference<byte[]>? held) && held.TryGetTarget(out byte[]? bytes))
        {
            return bytes;
        }

        OnnxModel model = OnnxModel.Read(info.FullName);
        model.Graph.SetDim();
        bytes = model.Proto.ToByteArray();
        Rewritten[key] = new WeakReference<byte[]>(bytes);
        return bytes;
    }
}

using System.Collections.Concurrent;
using Google.Protobuf;
using Onnx;

namespace FaceMask.Onnx;

/// <summary>
/// Makes the leading (batch) dimension of a model with a fixed batch size symbolic, in memory: OnnxSharp's
/// <c>GraphExtensions.SetDim</c> sets dimension 0 of every input, value info and output to <c>N</c> and rewrites the
/// target shapes of Reshape nodes to match. The file on disk is not changed. The rewritten bytes are kept per file
/// version for the life of the process, so opening more sessions does not parse the file again.
/// </summary>
internal static class OnnxBatchDimension
{
    private static readonly ConcurrentDictionary<(string Path, long Length, long Ticks), Lazy<byte[]>> Rewritten = new();

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
        Lazy<byte[]> bytes = Rewritten.GetOrAdd(key, k => new Lazy<byte[]>(() => Rewrite(k.Path)));
        try
        {
            return bytes.Value;
        }
        catch
        {
            // A failed read is not remembered: the file may be fixed and tried again.
            Rewritten.TryRemove(new KeyValuePair<(string, long, long), Lazy<byte[]>>(key, bytes));
            throw;
        }
    }

    private static byte[] Rewrite(string path)
    {
        OnnxModel model = OnnxModel.Read(path);
        model.Graph.SetDim();
        return model.Proto.ToByteArray();
    }
}

using Microsoft.ML.OnnxRuntime;

namespace FaceMask.Runtime;

/// <summary>
/// The ONNX Runtime session settings every session of this program uses (face detector, frozen backbone, a network run
/// by ONNX Runtime): a fixed number of intra-op threads, sequential execution, all graph optimisations, errors only in
/// the log, and idle pool threads that sleep instead of spinning — the machine is shared, and libtorch may run next.
/// </summary>
internal static class OnnxSessionSettings
{
    /// <summary>New session options with <paramref name="intraOpThreads"/> intra-op threads; the caller disposes them.</summary>
    public static SessionOptions Create(int intraOpThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intraOpThreads, 1);
        var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }
}

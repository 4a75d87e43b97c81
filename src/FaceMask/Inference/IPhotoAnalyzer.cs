namespace FaceMask.Inference;

/// <summary>
/// Finds the faces in a photo and classifies the mask each one wears. Implementations are safe to call from several
/// threads at once; the command line (<c>detect</c>) and the web app (<c>serve</c>) both go through this interface.
/// </summary>
public interface IPhotoAnalyzer
{
    /// <summary>The classes the model predicts, in its order.</summary>
    IReadOnlyList<string> Classes { get; }

    /// <summary>Identity of the classifier model (what <c>GET /api/v1/model</c> reports as the model id).</summary>
    string ModelId { get; }

    /// <summary>Decodes an encoded image (JPEG, PNG, …) held in memory, finds its faces and classifies each.</summary>
    /// <param name="encoded">The file's bytes.</param>
    /// <param name="nameForErrors">What to call the image in error messages (a file name or "upload").</param>
    /// <param name="cancellationToken">Stops the work between steps.</param>
    /// <exception cref="FaceMaskException">The bytes are not a usable image (message names the problem); pixel counts over the decoder's limits are refused before decoding.</exception>
    PhotoAnalysis Analyze(ReadOnlyMemory<byte> encoded, string nameForErrors, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="Analyze"/>, for callers that should not hold a thread while the work waits (the web app). The
    /// default runs <see cref="Analyze"/> on the calling thread; an analyser that waits for others (a batched one) overrides it.
    /// </summary>
    Task<PhotoAnalysis> AnalyzeAsync(ReadOnlyMemory<byte> encoded, string nameForErrors, CancellationToken cancellationToken = default) =>
        Task.FromResult(Analyze(encoded, nameForErrors, cancellationToken));
}

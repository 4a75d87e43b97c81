using FaceMask.Inference;

namespace FaceMask.Web.Api;

/// <summary>
/// The answer of <c>POST /api/v1/predict</c> (camelCase JSON): the photo's size after EXIF orientation, the model id,
/// each face's box, label, class probabilities and detector score, and whether the whole photo was classified because
/// no face was found.
/// </summary>
/// <param name="Width">Photo width in pixels.</param>
/// <param name="Height">Photo height in pixels.</param>
/// <param name="Model">Which model answered.</param>
/// <param name="Faces">One entry per face.</param>
/// <param name="WholeImage">True when no face was found and the one entry covers the whole photo.</param>
internal sealed record PredictResponse(int Width, int Height, ModelReference Model, IReadOnlyList<FaceResult> Faces, bool WholeImage)
{
    /// <summary>The response for an analysis made by the model <paramref name="modelId"/>.</summary>
    public static PredictResponse From(PhotoAnalysis analysis, string modelId)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return new PredictResponse(analysis.Width, analysis.Height, new ModelReference(modelId), analysis.Faces, analysis.WholeImage);
    }
}

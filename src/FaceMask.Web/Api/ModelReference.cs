namespace FaceMask.Web.Api;

/// <summary>The model named in a prediction: <c>{"id": …}</c>.</summary>
/// <param name="Id">The model id (<see cref="Inference.IPhotoAnalyzer.ModelId"/>).</param>
internal sealed record ModelReference(string Id);

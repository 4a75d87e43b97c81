using SkiaSharp;

namespace FaceMask.Data;

/// <summary>
/// A step between decoding an image file and resizing it, run by the dataset load when set as
/// <see cref="DatasetLoadOptions.Preparer"/>: it gets the decoded, upright photo at full resolution and returns the
/// image to use instead (a face crop, say), or null to use the photo whole. Declared here so that loading does not
/// depend on the code that implements a step (the face-crop step lives in <c>Detection</c>).
/// </summary>
/// <remarks>
/// With a step, each image is decoded with <see cref="ImageDecoder.DecodeBitmap"/>, given to <see cref="Prepare"/>
/// and resized with <see cref="ImageDecoder.ResizeInto"/>, the path of in-memory images, so that the pixels equal
/// those of classifying the same bitmap in memory. <see cref="Prepare"/> is called from several threads at once.
/// </remarks>
public interface IImagePreparer
{
    /// <summary>
    /// Identifies the step and its settings (for example <c>faces-front-t0.5-m0.25-v1</c>); part of the cache file's
    /// name and header, so that prepared pixels or features never mix with those of whole images or of other settings.
    /// Letters, digits, '-', '_' and '.' only.
    /// </summary>
    string Id { get; }

    /// <summary>
    /// The face-crop settings the prepared images amount to, or null for a step that does not crop faces. A face-crop
    /// step is not run on a dataset that already is a face-cropped copy (<see cref="FaceCropSettings.FileName"/> in its
    /// root), and a dataset loaded with it reports these settings as <see cref="LoadedDataset.FaceCrop"/>.
    /// </summary>
    FaceCropSettings? FaceCrop { get; }

    /// <summary>The image to resize in place of <paramref name="photo"/> (a new bitmap the caller disposes), or null to use the photo whole.</summary>
    /// <param name="photo">The decoded, upright photo (as <see cref="ImageDecoder.DecodeBitmap"/> returns it); not modified.</param>
    /// <param name="nameForErrors">How the image is named in error messages (its relative path).</param>
    SKBitmap? Prepare(SKBitmap photo, string nameForErrors);
}

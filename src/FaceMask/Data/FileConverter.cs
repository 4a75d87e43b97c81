namespace FaceMask.Data;

/// <summary>
/// Turns one image file's bytes into its record (<see cref="DatasetLoadStep{T}"/>); returns true when the preparation
/// step did not apply and the image was used whole. The record may be written after the call returns (a step that
/// batches its work writes it before its <see cref="DatasetLoadStep{T}.ForEach"/> returns).
/// </summary>
/// <typeparam name="T">The record's element type.</typeparam>
/// <param name="encoded">The file's bytes.</param>
/// <param name="name">The file's relative path, for errors.</param>
/// <param name="record">Where the record goes.</param>
/// <exception cref="ImageDecodeException">The file is not a usable image.</exception>
internal delegate bool FileConverter<T>(ReadOnlySpan<byte> encoded, string name, Memory<T> record);

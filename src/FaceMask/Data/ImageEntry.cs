namespace FaceMask.Data;

/// <summary>One image file found in a dataset folder.</summary>
/// <param name="RelativePath">Path relative to the dataset root with '/' separators, e.g. <c>cloth/a.jpg</c>.</param>
/// <param name="Label">Index of the file's class in <see cref="ImageFolder.Classes"/>.</param>
/// <param name="Length">File size in bytes.</param>
/// <param name="LastWriteUtc">Last modification time (UTC).</param>
public sealed record ImageEntry(string RelativePath, int Label, long Length, DateTime LastWriteUtc);

namespace FaceMask.Auditing;

/// <summary>The review sheets written for an audit.</summary>
/// <param name="Files">The PNG files, in item order.</param>
/// <param name="Missing">Items whose image could not be read (drawn as a crossed cell, named in the cell).</param>
public sealed record ReviewSheetSet(IReadOnlyList<string> Files, IReadOnlyList<string> Missing);

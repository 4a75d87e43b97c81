namespace FaceMask.Bias;

/// <summary>One <c>&lt;root&gt;/&lt;attribute&gt;/&lt;group&gt;</c> folder of a folder layout; it is itself a dataset (<c>&lt;class&gt;/&lt;image&gt;</c>).</summary>
/// <param name="Attribute">The attribute (first folder level).</param>
/// <param name="Group">The group (second folder level).</param>
/// <param name="Path">Full path of the folder.</param>
public sealed record LayoutFolder(string Attribute, string Group, string Path);

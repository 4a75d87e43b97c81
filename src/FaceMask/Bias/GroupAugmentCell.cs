namespace FaceMask.Bias;

/// <summary>One group × class cell of a group-balanced augmented copy.</summary>
/// <param name="Group">The group.</param>
/// <param name="Label">The class.</param>
/// <param name="Original">Usable original images in the cell.</param>
/// <param name="Target">The size the cell was topped up to.</param>
/// <param name="Added">Augmented copies added.</param>
public sealed record GroupAugmentCell(string Group, string Label, int Original, int Target, int Added);

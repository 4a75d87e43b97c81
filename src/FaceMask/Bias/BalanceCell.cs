namespace FaceMask.Bias;

/// <summary>One group × class cell of a balanced training set.</summary>
/// <param name="Group">The group.</param>
/// <param name="Label">The class.</param>
/// <param name="Count">Images in the cell.</param>
/// <param name="Weight">The loss weight each of its images gets.</param>
public sealed record BalanceCell(string Group, string Label, int Count, float Weight);

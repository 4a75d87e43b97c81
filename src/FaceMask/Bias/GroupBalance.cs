namespace FaceMask.Bias;

/// <summary>Per-image loss weights that balance group × class cells (see <see cref="GroupBalancing"/>).</summary>
/// <param name="Attribute">The attribute balanced.</param>
/// <param name="Weights">One weight per image, in the dataset's order.</param>
/// <param name="Cells">Every non-empty group × class cell, by group then class.</param>
/// <param name="Unknown">Images of unknown group (weight 1).</param>
/// <param name="Clipped">Cells whose weight was capped at the maximum.</param>
public sealed record GroupBalance(string Attribute, float[] Weights, IReadOnlyList<BalanceCell> Cells, int Unknown, int Clipped);

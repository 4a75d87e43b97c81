namespace FaceMask.Auditing;

/// <summary>One stratum of a scored audit.</summary>
/// <param name="Stratum">The stratum.</param>
/// <param name="Images">The run's images in it.</param>
/// <param name="Drawn">Drawn for review.</param>
/// <param name="Reviewed">Given a class by the reviewer.</param>
/// <param name="Unsure">Marked unsure.</param>
/// <param name="LabelRight">Of the reviewed, the dataset's label is the reviewer's class.</param>
/// <param name="PredictionRight">Of the reviewed, the model's prediction is the reviewer's class.</param>
public sealed record AuditStratumSummary(AuditStratum Stratum, int Images, int Drawn, int Reviewed, int Unsure, int LabelRight, int PredictionRight);

namespace FaceMask.Auditing;

/// <summary>How many of a run's predictions fall in a stratum, and how many of them were drawn.</summary>
/// <param name="Stratum">The stratum.</param>
/// <param name="Images">Predictions of the run in the stratum.</param>
/// <param name="Drawn">Of those, drawn for review.</param>
public sealed record AuditPopulation(AuditStratum Stratum, int Images, int Drawn);

using FaceMask.Protocols;

namespace FaceMask.Reporting;

/// <summary>What the exporters write from: the report and the predictions behind it.</summary>
/// <param name="Report">The run's report.</param>
/// <param name="Predictions">Every test (or out-of-fold) prediction.</param>
public sealed record RunArtifacts(RunReport Report, IReadOnlyList<PredictionRow> Predictions);

using System.Diagnostics;
using Xunit;

namespace FaceMask.Tests.Evaluation;

/// <summary>
/// A fact that needs Debian's /usr/bin/python3 with scikit-learn; it is skipped, with the reason, when
/// <c>/usr/bin/python3 -c "import sklearn"</c> fails (xunit 2 has no dynamic skip, so the probe runs once
/// when the attribute is first constructed).
/// </summary>
public sealed class SklearnFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> SkipReason = new(Probe);

    public SklearnFactAttribute()
    {
        if (SkipReason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Probe()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} does not exist, so scikit-learn cannot be run.";
        }

        try
        {
            var start = new ProcessStartInfo(Python)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("import sklearn");
            using Process process = Process.Start(start)!;
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                return $"{Python} -c \"import sklearn\" did not finish within 60 s.";
            }

            return process.ExitCode == 0
                ? null
                : $"{Python} cannot import sklearn (exit code {process.ExitCode}): {stderr.Result.Trim()}";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return $"{Python} could not be started: {e.Message}";
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace FaceMask.Bench;

/// <summary>Runs a PyTorch reference script with Debian's /usr/bin/python3 and reads its JSON result.</summary>
internal static class PythonReference
{
    public static JsonObject? Run(string script, string tensors, int threads)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python) || !File.Exists(script))
        {
            Console.Error.WriteLine($"PyTorch reference skipped: {python} or {script} missing");
            return null;
        }

        string output = Path.Combine(tensors, "pytorch.json");
        var start = new ProcessStartInfo(python)
        {
            ArgumentList = { script, "--tensors", tensors, "--threads", threads.ToString(CultureInfo.InvariantCulture), "--out", output },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The same OpenMP spin setting as FaceMask's own libtorch (see FaceMask.Runtime.OpenMpSpinCount).
        if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null)
        {
            start.Environment["GOMP_SPINCOUNT"] = Environment.GetEnvironmentVariable("GOMP_SPINCOUNT") ?? "10000";
        }
        using var process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(output))
        {
            Console.Error.WriteLine($"PyTorch reference failed ({process.ExitCode}): {stderr}{stdout}");
            return null;
        }

        return JsonNode.Parse(File.ReadAllText(output))!.AsObject();
    }
}

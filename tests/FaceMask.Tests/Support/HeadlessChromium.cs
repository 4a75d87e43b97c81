using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FaceMask.Tests.Support;

/// <summary>
/// Loads a page from disk in Debian's headless Chromium with a fresh profile and no background networking, takes a
/// screenshot, and collects what the page logged to the browser console (Chromium writes console messages to stderr
/// as <c>…:CONSOLE…] "message", source: …</c> with <c>--enable-logging=stderr</c>).
/// </summary>
internal static partial class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    public static (int ExitCode, IReadOnlyList<string> ConsoleLines, string Stderr) Screenshot(string htmlPath, string pngPath, int width, int height)
    {
        string profile = Path.Combine(Path.GetTempPath(), "facemask-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(profile);
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                "--hide-scrollbars", $"--screenshot={pngPath}", $"--window-size={width},{height}", new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within 120 s on {htmlPath}");
            }

            process.WaitForExit();
            string err = stderr.Result + stdout.Result;
            var console = err.Split('\n').Where(l => ConsoleLine().IsMatch(l)).ToArray();
            return (process.ExitCode, console, err);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    [GeneratedRegex(@":CONSOLE[(:\]]|Uncaught|Failed to load resource|Not allowed to load local resource")]
    private static partial Regex ConsoleLine();
}

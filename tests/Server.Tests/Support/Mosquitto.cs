using Proxus.TestSupport;

namespace Proxus.Server.Tests.Support;

/// <summary>The mosquitto command-line clients (Debian's mosquitto-clients), started and stopped by process id.</summary>
public static class Mosquitto
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>mosquitto_sub with line-buffered output (a pipe would hold its lines until exit).</summary>
    public static ExternalProcess Sub(params string[] arguments) => ExternalProcess.Start("stdbuf", ["-oL", "mosquitto_sub", .. arguments]);

    public static Task<ExternalProcess> PubAsync(params string[] arguments) => ExternalProcess.RunAsync("mosquitto_pub", arguments, Timeout);

    /// <summary>Both streams of a finished client, for assertions on its debug lines.</summary>
    public static string Output(this ExternalProcess process) => process.StandardOutput + process.StandardError;
}

using Proxus.TestSupport;

namespace Proxus.Interop.Tests.Mqtt.Support;

/// <summary>Starts the third-party MQTT peers: mosquitto clients, paho (Debian's Python) and MQTT.js (Node).</summary>
public static class Peers
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Mqtt", "Peers", name);

    /// <summary>mosquitto_sub with line-buffered output (a pipe would hold its lines until exit).</summary>
    public static ExternalProcess Sub(params string[] arguments) => ExternalProcess.Start("stdbuf", ["-oL", "mosquitto_sub", .. arguments]);

    public static Task<ExternalProcess> PubAsync(params string[] arguments) => ExternalProcess.RunAsync("mosquitto_pub", arguments, Timeout);

    public static ExternalProcess Paho(params string[] arguments) => ExternalProcess.Start(RepositoryPaths.SystemPython, [Script("paho_peer.py"), .. arguments]);

    public static ExternalProcess MqttJs(params string[] arguments) => ExternalProcess.Start(
        "node",
        [Script("mqttjs_peer.js"), .. arguments],
        environment: new Dictionary<string, string> { ["NODE_PATH"] = RepositoryPaths.NodeModules });

    /// <summary>MQTT.js as an enterprise consumer authenticating with an access token (<c>mqttjs_token.js</c>).</summary>
    public static ExternalProcess MqttJsToken(params string[] arguments) => ExternalProcess.Start(
        "node",
        [Script("mqttjs_token.js"), .. arguments],
        environment: new Dictionary<string, string> { ["NODE_PATH"] = RepositoryPaths.NodeModules });

    /// <summary>Waits for a peer to exit and asserts it succeeded.</summary>
    public static async Task<string> SucceedsAsync(this ExternalProcess process)
    {
        await process.WaitForExitAsync(Timeout);
        process.ExitCode.Should().Be(0, "stdout: {0} stderr: {1}", process.StandardOutput, process.StandardError);
        return process.StandardOutput;
    }
}

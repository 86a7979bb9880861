using System.Text.Json;

namespace Proxus.EndToEnd.Tests.Demo;

/// <summary>One line of <c>mosquitto_sub -v</c>: the topic, a space, the UNS JSON payload.</summary>
public sealed record UnsValue(string Topic, JsonElement Value, string? Quality)
{
    public static UnsValue Parse(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        space.Should().BePositive($"'{line}' is 'topic payload'");
        using var payload = JsonDocument.Parse(line[(space + 1)..]);
        var root = payload.RootElement;
        return new UnsValue(line[..space], root.GetProperty("value").Clone(), root.TryGetProperty("quality", out var quality) ? quality.GetString() : null);
    }
}

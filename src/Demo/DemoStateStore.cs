using System.Text.Json;

namespace Proxus.Demo;

/// <summary>
/// Reads and writes <c>demo.json</c>: created with mode 0600 in a 0700 directory and replaced
/// atomically (temporary file, then rename), so a crash leaves the old or the new state.
/// </summary>
public sealed class DemoStateStore(string dataDirectory)
{
    public const string FileName = "demo.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Path { get; } = System.IO.Path.Combine(dataDirectory, FileName);

    /// <summary>The stored state, or an empty one on the first start.</summary>
    public DemoState Load()
    {
        if (!File.Exists(Path))
        {
            return new DemoState();
        }

        try
        {
            return JsonSerializer.Deserialize<DemoState>(File.ReadAllText(Path), JsonOptions)
                ?? throw new DemoException($"{Path} is empty; delete the demo data directory to start afresh.");
        }
        catch (JsonException e)
        {
            throw new DemoException($"{Path} is not valid JSON ({e.Message}); delete the demo data directory to start afresh.", e);
        }
    }

    public void Save(DemoState state)
    {
        var temporary = Path + ".tmp";
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, state, JsonOptions);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}

namespace Proxus.Server.Tests.Support;

/// <summary>A PEM text written to a temporary file for a third-party client, deleted on dispose.</summary>
public sealed class TemporaryPem : IDisposable
{
    public TemporaryPem(string pem)
    {
        Path = System.IO.Path.GetTempFileName();
        File.WriteAllText(Path, pem);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}

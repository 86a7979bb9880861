namespace Proxus.Bench.AgentBuffer;

/// <summary>A scratch directory whose numbered subdirectories hold one scenario each; removed on dispose.</summary>
internal sealed class ScratchArea : IDisposable
{
    private readonly string _root;
    private int _next;

    public ScratchArea(string root)
    {
        _root = root;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Directory.CreateDirectory(root);
    }

    public string Fresh() => Directory.CreateDirectory(Path.Combine(_root, (++_next).ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

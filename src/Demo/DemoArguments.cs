using System.Diagnostics.CodeAnalysis;

namespace Proxus.Demo;

/// <summary>The demo's command line: <c>--root DIR</c> (the checkout) and optionally <c>--data-dir DIR</c> (default <c>ROOT/.proxus/demo</c>).</summary>
public static class DemoArguments
{
    public const string Usage = "usage: proxus-demo --root CHECKOUT [--data-dir DIR]   (environment: PROXUS_DEMO_PREBUILT=CHECKOUT whose build outputs to run)";

    public static bool TryParse(IReadOnlyList<string> args, string? prebuilt, [NotNullWhen(true)] out DemoPaths? paths, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? root = null;
        string? data = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count)
            {
                return Fail($"{args[i]} needs a value.", out paths, out error);
            }

            switch (args[i])
            {
                case "--root":
                    root = args[i + 1];
                    break;
                case "--data-dir":
                    data = args[i + 1];
                    break;
                default:
                    return Fail($"unknown option '{args[i]}'.", out paths, out error);
            }
        }

        if (root is null)
        {
            return Fail("--root is required.", out paths, out error);
        }

        root = Path.GetFullPath(root);
        paths = new DemoPaths(
            root,
            string.IsNullOrWhiteSpace(prebuilt) ? root : Path.GetFullPath(prebuilt),
            Path.GetFullPath(data ?? Path.Combine(root, ".proxus", "demo")));
        error = null;
        return true;
    }

    private static bool Fail(string message, out DemoPaths? paths, out string? error)
    {
        paths = null;
        error = message + Environment.NewLine + Usage;
        return false;
    }
}

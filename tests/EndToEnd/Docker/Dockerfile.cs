namespace Proxus.EndToEnd.Tests.Docker;

/// <summary>A Dockerfile as a list of stages of instructions (continuation lines joined, comments dropped).</summary>
public sealed class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<DockerStage> stages)
    {
        Path = path;
        Stages = stages;
    }

    public string Path { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage Final => Stages[^1];

    public static Dockerfile Load(string path)
    {
        var stages = new List<DockerStage>();
        var pending = string.Empty;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1].Trim() + " ";
                continue;
            }

            var instruction = (pending + line).Trim();
            pending = string.Empty;
            var space = instruction.IndexOf(' ', StringComparison.Ordinal);
            var keyword = instruction[..space].ToUpperInvariant();
            var arguments = instruction[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new DockerStage(words[0], words.Length == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null));
            }
            else
            {
                stages.Should().NotBeEmpty($"{path}: {keyword} before the first FROM");
                stages[^1].Instructions.Add(new DockerInstruction(keyword, arguments));
            }
        }

        pending.Should().BeEmpty($"{path} ends inside a continued line");
        return new Dockerfile(path, stages);
    }
}

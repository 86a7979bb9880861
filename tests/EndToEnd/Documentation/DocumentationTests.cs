using Proxus.TestSupport;

namespace Proxus.EndToEnd.Tests.Documentation;

/// <summary>Every link and command in README.md and docs/ points at something that exists (issue #11).</summary>
public sealed class DocumentationTests : IDisposable
{
    private readonly string _fixture = Directory.CreateTempSubdirectory("proxus-docs-").FullName;

    public void Dispose() => Directory.Delete(_fixture, recursive: true);

    [Fact]
    public void Repository_ReadmeAndDocs_HaveNoBrokenLinksOrCommands()
    {
        var root = RepositoryPaths.Root;
        var files = Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(root, "README.md"))
            .ToList();

        var problems = new DocumentationChecker(root, ProductCommands.Read(root)).Check(files);

        files.Should().HaveCountGreaterThan(10);
        problems.Select(p => p.ToString()).Should().BeEmpty();
    }

    [Fact]
    public void ProductCommands_Read_FindsTheScriptSubcommandsAndAgentVerbs()
    {
        var commands = ProductCommands.Read(RepositoryPaths.Root);

        commands.ScriptSubcommands.Should().Contain(["demo", "test", "bench"]);
        commands.AgentVerbs.Should().Contain(["enroll", "run", "status", "verify-config", "read", "write", "browse"]);
    }

    [Fact]
    public void Check_ValidLinksAnchorsAndCommands_ReportsNothing()
    {
        Write("docs/other.md", "# Other page\n\n## Second heading, with `code`!\n\n## Second heading, with `code`!\n");
        Write("docs/image.png", "not really a picture");
        var page = Write("docs/page.md", """
            # A page
            See [other](other.md), [its heading](other.md#second-heading-with-code),
            [the duplicate](other.md#second-heading-with-code-1), [here](#a-page), ![a picture](image.png),
            [the spec](https://docs.oasis-open.org/mqtt/mqtt/v5.0/mqtt-v5.0.html) and [local](http://127.0.0.1:8443/).
            Run `./proxus demo` or `proxus-agent enroll --server URL --token TOKEN`.

            ```sh
            ./proxus bench mqtt --scenarios a,b
            ./proxus bench NAME
            bench/NAME/run
            dotnet src/Agent/bin/Release/net10.0/proxus-agent.dll read 'modbus-tcp://127.0.0.1:5020' HR0
            dotnet run --project src/Server -- --Mqtt:Port=1883
            ```

            ```csharp
            ./proxus nonsense // not a shell block: not checked
            ```
            """);

        Checker().Check([page]).Should().BeEmpty();
    }

    [Fact]
    public void Check_BrokenRelativeLink_IsReportedWithFileAndLine()
    {
        var page = Write("docs/page.md", "# Page\n\ntext\nsee [missing](missing.md) here\n");

        Checker().Check([page]).Should().ContainSingle()
            .Which.Should().Be(new DocumentationProblem(Path.Combine("docs", "page.md"), 4, "link 'missing.md' does not resolve to a file in the repository"));
    }

    [Fact]
    public void Check_MissingAnchorMissingImageAndInsecureLink_AreEachReported()
    {
        Write("docs/other.md", "# Other\n");
        var page = Write("docs/page.md", "[a](other.md#nowhere)\n![b](gone.png)\n[c](http://example.com/x)\n[d](#also-nowhere)\n");

        Checker().Check([page]).Select(p => (p.Line, p.Message)).Should().Equal(
            (1, "link 'other.md#nowhere': no heading with the anchor '#nowhere'"),
            (2, "image 'gone.png' does not resolve to a file in the repository"),
            (3, "external link 'http://example.com/x' is not https"),
            (4, "link '#also-nowhere': no heading with the anchor '#also-nowhere'"));
    }

    [Fact]
    public void Check_UnknownSubcommandVerbBenchmarkAndProject_AreEachReported()
    {
        var page = Write("docs/page.md", """
            Start with `./proxus deploy`.

            ```
            proxus-agent install --now
            ./proxus bench nothing-here
            dotnet run --project src/NoSuchProject
            bench/nothing-here/run
            ```
            """);

        Checker().Check([page]).Select(p => (p.Line, p.Message)).Should().Equal(
            (1, "'./proxus deploy' is not a subcommand of ./proxus"),
            (4, "'proxus-agent install' is not a verb of the agent"),
            (5, "'./proxus bench nothing-here': there is no bench/nothing-here/run"),
            (6, "'dotnet run --project src/NoSuchProject': no such project"),
            (7, "'bench/nothing-here/run' does not exist"));
    }

    [Fact]
    public void Check_LinkLeavingTheRepository_IsReported()
    {
        var page = Write("docs/page.md", "[outside](../../etc/passwd)\n");

        Checker().Check([page]).Should().ContainSingle().Which.Message.Should().Contain("does not resolve to a file in the repository");
    }

    private DocumentationChecker Checker()
    {
        Directory.CreateDirectory(Path.Combine(_fixture, "src", "Server"));
        Write("bench/mqtt/run", "#!/bin/sh\n");
        Write("proxus", "case \"${1:-}\" in\n  test) shift; run_tests ;;\n  demo) shift; run_demo ;;\n  bench) shift; run_bench ;;\nesac\n");
        Write("src/Agent/Cli/Commands.cs", "var a = new Command(\"enroll\", \"…\");\nvar b = new Command(\"read\", \"…\");\n");
        return new DocumentationChecker(_fixture, ProductCommands.Read(_fixture));
    }

    private string Write(string relative, string content)
    {
        var path = Path.Combine(_fixture, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}

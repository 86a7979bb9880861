using Proxus.Agent.Cli;
using Proxus.Agent.Tests.Support;

namespace Proxus.Agent.Tests;

/// <summary>Usage errors the CLI reports before it opens any connection.</summary>
public sealed class CliUsageTests
{
    [Theory]
    [InlineData("read")]
    [InlineData("read", "modbus-tcp://127.0.0.1")]
    [InlineData("write", "modbus-tcp://127.0.0.1", "HR0")]
    [InlineData("write", "modbus-tcp://127.0.0.1", "HR0", "1", "2")]
    [InlineData("read", "modbus-tcp://127.0.0.1", "HR0", "--count", "many")]
    [InlineData("write", "modbus-tcp://127.0.0.1", "HR0", "1", "--bogus")]
    [InlineData("browse", "opc.tcp://127.0.0.1:4840")]
    [InlineData("enroll")]
    public async Task Run_MalformedCommandLine_Exits2WithHint(params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);

        run.ExitCode.Should().Be(AgentCli.UsageError);
        run.Error.Should().Contain("proxus-agent --help");
        run.Output.Should().BeEmpty();
    }

    [Theory]
    [InlineData("opc.tcp://127.0.0.1:4840", "Unknown scheme 'opc.tcp'")]
    [InlineData("modbus-tcp://127.0.0.1:99999", "Port '99999'")]
    [InlineData("s7://127.0.0.1?slot=1&unit=1", "Unknown query parameter 'unit'")]
    public async Task Read_BadEndpointUrl_Exits2WithTheReason(string url, string reason)
    {
        var run = await CliRun.InvokeAsync("read", url, "HR0");

        run.ExitCode.Should().Be(AgentCli.UsageError);
        run.Error.Should().Contain(reason);
    }

    [Fact]
    public async Task Write_Count_IsNotAnOption()
    {
        var run = await CliRun.InvokeAsync("write", "modbus-tcp://127.0.0.1", "HR0", "1", "--count", "2");

        run.ExitCode.Should().Be(AgentCli.UsageError);
    }

    [Fact]
    public async Task Run_Help_ListsOnlyReadAndWrite()
    {
        var run = await CliRun.InvokeAsync("--help");

        run.ExitCode.Should().Be(AgentCli.Success);
        run.Output.Should().Contain("read").And.Contain("write").And.NotContain("browse");
    }
}

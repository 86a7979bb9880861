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
    [InlineData("browse")]
    [InlineData("browse", "opc.tcp://127.0.0.1:4840", "i=85", "i=84")]
    [InlineData("browse", "opc.tcp://127.0.0.1:4840", "--type", "real")]
    [InlineData("enroll")]
    [InlineData("enroll", "--server", "proxus.example.com", "--token", "t")]
    [InlineData("enroll", "--server", "https://127.0.0.1:1", "--token", "t", "--broker", "not a url")]
    public async Task Run_MalformedCommandLine_Exits2WithHint(params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);

        run.ExitCode.Should().Be(AgentCli.UsageError);
        run.Error.Should().Contain("proxus-agent --help");
        run.Output.Should().BeEmpty();
    }

    [Theory]
    [InlineData("opc.udp://127.0.0.1:4840", "Unknown scheme 'opc.udp'")]
    [InlineData("opc.tcp://127.0.0.1:4840?password=secret", "Never put a password in the URL")]
    [InlineData("modbus-tcp://127.0.0.1:99999", "Port '99999'")]
    [InlineData("s7://127.0.0.1?slot=1&unit=1", "Unknown query parameter 'unit'")]
    public async Task Read_BadEndpointUrl_Exits2WithTheReason(string url, string reason)
    {
        var run = await CliRun.InvokeAsync("read", url, "HR0");

        run.ExitCode.Should().Be(AgentCli.UsageError);
        run.Error.Should().Contain(reason);
    }

    [Theory]
    [InlineData("--server", "not a url")]
    [InlineData("--broker", "no scheme here")]
    public async Task Enroll_MalformedUrl_Exits2NamingTheValue(string option, string value)
    {
        string[] args = option == "--server"
            ? ["enroll", "--server", value, "--token", "t"]
            : ["enroll", "--server", "https://127.0.0.1:1/", "--token", "t", "--broker", value];

        var run = await CliRun.InvokeAsync(args);

        run.ExitCode.Should().Be(AgentCli.UsageError);
        run.Error.Should().Contain($"'{value}' is not an absolute URL");
    }

    [Fact]
    public async Task Enroll_ValidUrls_AreParsedAndTheUnreachableServerIsReported()
    {
        var directory = Directory.CreateTempSubdirectory("proxus-enroll-").FullName;
        try
        {
            var run = await CliRun.InvokeAsync("enroll", "--server", "https://127.0.0.1:1/", "--token", "t", "--broker", "mqtts://127.0.0.1:1", "--data-dir", directory);

            run.ExitCode.Should().Be(AgentCli.DeviceError, "the URLs parse and the closed port fails the request: " + run.Error);
            run.Error.Should().NotContain("Cannot parse argument");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Enroll_ServerAndBrokerUrls_AreParsedAndTheUnreachableServerIsReported()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "proxus-agent-enroll-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = await CliRun.InvokeAsync("enroll", "--server", "https://127.0.0.1:1/", "--token", "t", "--broker", "mqtts://127.0.0.1:1", "--data-dir", dataDirectory);

            run.ExitCode.Should().Be(1, "the URLs parse and the closed port is a server error, not a usage error: {0}", run.Error);
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Write_Count_IsNotAnOption()
    {
        var run = await CliRun.InvokeAsync("write", "modbus-tcp://127.0.0.1", "HR0", "1", "--count", "2");

        run.ExitCode.Should().Be(AgentCli.UsageError);
    }

    [Fact]
    public async Task Run_Help_ListsTheRuntimeAndCommissioningCommands()
    {
        var run = await CliRun.InvokeAsync("--help");

        run.ExitCode.Should().Be(AgentCli.Success);
        run.Output.Should().Contain("enroll").And.Contain("run").And.Contain("status").And.Contain("verify-config")
            .And.Contain("read").And.Contain("write").And.Contain("browse");
    }

    [Fact]
    public async Task Browse_ModbusEndpoint_Exits2BeforeConnecting()
    {
        var run = await CliRun.InvokeAsync("browse", "modbus-tcp://127.0.0.1:1");

        run.ExitCode.Should().Be(AgentCli.UsageError);
        run.Error.Should().Contain("browse needs an opc.tcp endpoint");
    }

    [Fact]
    public async Task Read_OpcUaUserWithoutPasswordVariable_Exits2NamingTheVariable()
    {
        var run = await CliRun.InvokeAsync(_ => null, "read", "opc.tcp://127.0.0.1:1?user=operator", "i=2258");

        run.ExitCode.Should().Be(AgentCli.UsageError);
        run.Error.Should().Contain("PROXUS_OPCUA_PASSWORD");
    }

    [Theory]
    [InlineData("read", "opc.tcp://127.0.0.1:1", "ns=1;x=Bad")]
    [InlineData("browse", "opc.tcp://127.0.0.1:1", "ns=1;x=Bad")]
    public async Task Run_MalformedNodeId_Exits2BeforeConnecting(params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);

        run.ExitCode.Should().Be(AgentCli.UsageError);
        run.Error.Should().Contain("BadNodeIdInvalid").And.Contain("ns=1;x=Bad");
    }
}

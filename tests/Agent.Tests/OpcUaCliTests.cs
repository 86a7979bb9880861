using System.Text.Json;
using Proxus.Agent.Cli;
using Proxus.Agent.Tests.Support;

namespace Proxus.Agent.Tests;

/// <summary>The CLI against node-opcua's server, started by the class fixture and stopped by pid.</summary>
public sealed class OpcUaCliTests(NodeOpcUaServer server) : IClassFixture<NodeOpcUaServer>
{
    private const string Password = "secret";

    private string Secure(string policy = "Basic256Sha256", string mode = "SignAndEncrypt") => $"{server.EndpointUrl}?security={policy}&mode={mode}";

    private Task<CliRun> RunAsync(params string[] args) => CliRun.InvokeAsync([.. args, "--pki", server.TrustingPki, "--timeout", "10"]);

    [Fact]
    public async Task Read_SeveralNodes_PrintsNodeEqualsValueInOrder()
    {
        var run = await RunAsync("read", server.EndpointUrl, "ns=1;s=Double", "ns=1;s=Int32", "ns=1;s=Boolean", "ns=1;s=String", "ns=1;s=Int32Array");

        run.ExitCode.Should().Be(AgentCli.Success, run.Error);
        run.OutputLines.Should().Equal(
            "ns=1;s=Double = 3.14159",
            "ns=1;s=Int32 = -2000000000",
            "ns=1;s=Boolean = true",
            "ns=1;s=String = Grüße from node-opcua",
            "ns=1;s=Int32Array = [1, -2, 3]");
    }

    [Fact]
    public async Task Read_UncertainValue_PrintsValueWithStatusCode()
    {
        var run = await RunAsync("read", server.EndpointUrl, "ns=1;s=UncertainDouble");

        run.ExitCode.Should().Be(AgentCli.Success, run.Error);
        run.OutputLines.Should().Equal("ns=1;s=UncertainDouble = 1.25 (UncertainLastUsableValue)");
    }

    [Fact]
    public async Task Read_UnknownNode_ReportsItsStatusAndStillPrintsTheOthers()
    {
        var run = await RunAsync("read", server.EndpointUrl, "ns=1;s=Missing", "ns=1;s=Float");

        run.ExitCode.Should().Be(AgentCli.DeviceError);
        run.OutputLines.Should().Equal("ns=1;s=Float = 3.5");
        run.Error.Should().Contain("ns=1;s=Missing: BadNodeIdUnknown");
    }

    [Fact]
    public async Task Read_Json_PrintsTypedValuesStatusesAndErrors()
    {
        var run = await RunAsync("read", server.EndpointUrl, "ns=1;s=Double", "ns=1;s=Boolean", "ns=1;s=UncertainDouble", "ns=1;s=Missing", "--json");

        using var json = JsonDocument.Parse(run.Output);
        var items = json.RootElement.EnumerateArray().ToList();
        items.Should().HaveCount(4);
        items[0].GetProperty("value").GetDouble().Should().Be(3.14159);
        items[1].GetProperty("value").GetBoolean().Should().BeTrue();
        items[2].GetProperty("status").GetString().Should().Be("UncertainLastUsableValue");
        items[3].GetProperty("address").GetString().Should().Be("ns=1;s=Missing");
        items[3].GetProperty("error").GetString().Should().StartWith("BadNodeIdUnknown");
        run.ExitCode.Should().Be(AgentCli.DeviceError);
    }

    [Theory]
    [InlineData("None", "None", "ns=1;s=WritableDouble", "12.5", "ns=1;s=WritableDouble = 12.5")]
    [InlineData("Basic256Sha256", "SignAndEncrypt", "ns=1;s=WritableInt32", "-42", "ns=1;s=WritableInt32 = -42")]
    [InlineData("Aes128_Sha256_RsaOaep", "Sign", "ns=1;s=WritableString", "Line 1", "ns=1;s=WritableString = Line 1")]
    [InlineData("Basic256Sha256", "Sign", "ns=1;s=WritableBoolean", "true", "ns=1;s=WritableBoolean = true")]
    public async Task Write_EverySecurityPolicy_ConvertsToTheNodeTypeAndReadsBack(string policy, string mode, string node, string value, string expectedLine)
    {
        var url = policy == "None" ? server.EndpointUrl : Secure(policy, mode);

        var written = await RunAsync("write", url, node, value);
        var read = await RunAsync("read", url, node);

        written.ExitCode.Should().Be(AgentCli.Success, written.Error);
        written.OutputLines.Should().Equal(expectedLine);
        read.OutputLines.Should().Equal(expectedLine);
    }

    [Fact]
    public async Task Write_ReadOnlyNode_Exits1WithTheServerStatus()
    {
        var run = await RunAsync("write", server.EndpointUrl, "ns=1;s=Double", "1");

        run.ExitCode.Should().Be(AgentCli.DeviceError);
        run.Error.Should().Contain("OPC UA BadNotWritable");
    }

    [Fact]
    public async Task Write_ValueNotOfTheNodeType_Exits2()
    {
        var run = await RunAsync("write", server.EndpointUrl, "ns=1;s=WritableInt32", "twelve");

        run.ExitCode.Should().Be(AgentCli.UsageError);
        run.Error.Should().Contain("BadTypeMismatch").And.Contain("'twelve'");
    }

    [Fact]
    public async Task Read_WithModbusFormatOption_Exits2()
    {
        var run = await RunAsync("read", server.EndpointUrl, "ns=1;s=Double", "--type", "float32");

        run.ExitCode.Should().Be(AgentCli.UsageError);
        run.Error.Should().Contain("do not apply to OPC UA");
    }

    [Fact]
    public async Task Browse_Default_ListsTheObjectsFolder()
    {
        var run = await RunAsync("browse", server.EndpointUrl);

        run.ExitCode.Should().Be(AgentCli.Success, run.Error);
        run.OutputLines.Should().Contain(line => line.StartsWith("1:Proxus ", StringComparison.Ordinal) && line.Contains("ns=1;s=Proxus", StringComparison.Ordinal) && line.EndsWith("Object", StringComparison.Ordinal));
        run.OutputLines.Should().Contain(line => line.StartsWith("Server ", StringComparison.Ordinal) && line.Contains("i=2253", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Browse_FolderOfVariables_PrintsDataTypes()
    {
        var run = await RunAsync("browse", Secure(), "ns=1;s=Scalars");

        run.ExitCode.Should().Be(AgentCli.Success, run.Error);
        run.OutputLines.Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Should().Contain(["1:Double ns=1;s=Double Variable Double", "1:LocalizedText ns=1;s=LocalizedText Variable LocalizedText", "1:UInt64 ns=1;s=UInt64 Variable UInt64"]);
    }

    [Fact]
    public async Task Browse_Json_PrintsOneObjectPerReference()
    {
        var run = await RunAsync("browse", server.EndpointUrl, "ns=1;s=Proxus", "--json");

        run.ExitCode.Should().Be(AgentCli.Success, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var writable = json.RootElement.EnumerateArray().Single(item => item.GetProperty("browseName").GetString() == "1:Writable");
        writable.GetProperty("nodeId").GetString().Should().Be("ns=1;s=Writable");
        writable.GetProperty("nodeClass").GetString().Should().Be("Object");
        writable.TryGetProperty("dataType", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Browse_UnknownNode_Exits1WithTheStatus()
    {
        var run = await RunAsync("browse", server.EndpointUrl, "ns=1;s=Missing");

        run.ExitCode.Should().Be(AgentCli.DeviceError);
        run.Error.Should().Contain("BadNodeIdUnknown");
    }

    [Fact]
    public async Task Read_SecurePolicyWithUntrustedServerCertificate_RefusesAndSaysHowToTrust()
    {
        var pki = server.CreateEmptyPki();

        var run = await CliRun.InvokeAsync("read", Secure(), "ns=1;s=Double", "--pki", pki, "--timeout", "10");

        run.ExitCode.Should().Be(AgentCli.DeviceError);
        run.Output.Should().BeEmpty();
        run.Error.Should().Contain("BadCertificateUntrusted").And.Contain("is not trusted").And.Contain(Path.Combine(pki, "trusted", "certs"));
        Directory.GetFiles(Path.Combine(pki, "rejected", "certs")).Should().ContainSingle();
    }

    [Fact]
    public async Task Read_UserWithPasswordFromEnvironment_ActivatesTheSession()
    {
        var run = await CliRun.InvokeAsync(
            name => name == "PROXUS_OPCUA_PASSWORD" ? Password : null,
            "read", Secure() + "&user=operator", "ns=1;s=Float", "--pki", server.TrustingPki, "--timeout", "10");

        run.ExitCode.Should().Be(AgentCli.Success, run.Error);
        run.OutputLines.Should().Equal("ns=1;s=Float = 3.5");
    }

    [Fact]
    public async Task Read_UserWithWrongPassword_Exits1()
    {
        var run = await CliRun.InvokeAsync(
            name => name == "PROXUS_OPCUA_PASSWORD" ? "wrong" : null,
            "read", Secure() + "&user=operator", "ns=1;s=Float", "--pki", server.TrustingPki, "--timeout", "10");

        run.ExitCode.Should().Be(AgentCli.DeviceError);
        run.Error.Should().MatchRegex("OPC UA Bad(UserAccessDenied|IdentityTokenRejected|IdentityTokenInvalid)");
    }

    [Fact]
    public async Task Read_NothingListening_Exits1()
    {
        var run = await CliRun.InvokeAsync("read", $"opc.tcp://127.0.0.1:{Proxus.TestSupport.LoopbackPort.GetFree()}", "i=2258", "--pki", server.TrustingPki, "--timeout", "2");

        run.ExitCode.Should().Be(AgentCli.DeviceError);
        run.Error.Should().StartWith("OPC UA Bad");
    }
}

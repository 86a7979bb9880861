using Proxus.Agent.Commissioning;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Serial;
using Proxus.Drivers.OpcUa;

namespace Proxus.Agent.Tests;

public sealed class DeviceEndpointParserTests
{
    [Fact]
    public void Parse_ModbusTcpWithPortAndUnit_ReturnsTcpEndpoint()
    {
        var endpoint = DeviceEndpointParser.Parse("modbus-tcp://127.0.0.1:5020?unit=7");

        endpoint.Should().BeEquivalentTo(new ModbusEndpoint { Transport = ModbusTransportKind.Tcp, Host = "127.0.0.1", Port = 5020, UnitId = 7 });
        endpoint.Scheme.Should().Be("modbus-tcp");
    }

    [Fact]
    public void Parse_ModbusTcpWithoutPortOrUnit_UsesDefaults()
    {
        var endpoint = (ModbusEndpoint)DeviceEndpointParser.Parse("MODBUS-TCP://plc-01.example.com");

        endpoint.Host.Should().Be("plc-01.example.com");
        endpoint.Port.Should().Be(502);
        endpoint.UnitId.Should().Be(1);
    }

    [Fact]
    public void Parse_ModbusRtuOverTcp_ReturnsGatewayEndpoint()
    {
        var endpoint = (ModbusEndpoint)DeviceEndpointParser.Parse("modbus-rtu-tcp://10.0.0.9:4001?unit=12");

        endpoint.Transport.Should().Be(ModbusTransportKind.RtuOverTcp);
        endpoint.Port.Should().Be(4001);
        endpoint.UnitId.Should().Be(12);
        endpoint.Scheme.Should().Be("modbus-rtu-tcp");
    }

    [Fact]
    public void Parse_ModbusRtuSerial_ReturnsDeviceAndLineSettings()
    {
        var endpoint = (ModbusEndpoint)DeviceEndpointParser.Parse("modbus-rtu:///dev/ttyUSB0?baud=9600&parity=N&stop=2&unit=3");

        endpoint.Transport.Should().Be(ModbusTransportKind.RtuSerial);
        endpoint.SerialPort.Should().Be("/dev/ttyUSB0");
        endpoint.Serial.Should().Be(new SerialSettings(9600, SerialParity.None, 2, 8));
        endpoint.UnitId.Should().Be(3);
    }

    [Fact]
    public void Parse_ModbusRtuSerialWithoutQuery_Uses19200Even()
    {
        var endpoint = (ModbusEndpoint)DeviceEndpointParser.Parse("modbus-rtu:///dev/ttyS1");

        endpoint.Serial.Should().Be(new SerialSettings(19200, SerialParity.Even, 1, 8));
        endpoint.ToClientOptions(TimeSpan.FromSeconds(1), 0).SerialPort.Should().Be("/dev/ttyS1");
    }

    [Fact]
    public void Parse_S7WithRackAndSlot_ReturnsS7Endpoint()
    {
        var endpoint = DeviceEndpointParser.Parse("s7://127.0.0.1:1102?rack=0&slot=1");

        endpoint.Should().BeEquivalentTo(new S7Endpoint { Host = "127.0.0.1", Port = 1102, Rack = 0, Slot = 1 });
    }

    [Fact]
    public void Parse_S7WithoutPort_UsesIsoOnTcpPortAndSlot2()
    {
        var endpoint = (S7Endpoint)DeviceEndpointParser.Parse("s7://192.168.0.10/");

        endpoint.Port.Should().Be(102);
        endpoint.Rack.Should().Be(0);
        endpoint.Slot.Should().Be(2);
    }

    [Fact]
    public void Parse_BracketedIpv6Host_SplitsHostAndPort()
    {
        var endpoint = (S7Endpoint)DeviceEndpointParser.Parse("s7://[::1]:1102");

        endpoint.Host.Should().Be("::1");
        endpoint.Port.Should().Be(1102);
    }

    [Fact]
    public void ToClientOptions_S7Endpoint_CarriesTimeoutAndRetries()
    {
        var options = ((S7Endpoint)DeviceEndpointParser.Parse("s7://10.1.1.1?slot=1")).ToClientOptions(TimeSpan.FromSeconds(4), 0);

        options.Host.Should().Be("10.1.1.1");
        options.Slot.Should().Be(1);
        options.RequestTimeout.Should().Be(TimeSpan.FromSeconds(4));
        options.RetryCount.Should().Be(0);
    }

    [Fact]
    public void Parse_OpcUaWithPathAndDefaults_ReturnsAnonymousUnsecuredEndpoint()
    {
        var endpoint = (OpcUaEndpoint)DeviceEndpointParser.Parse("OPC.TCP://plc-01.example.com/UA/Line1");

        endpoint.EndpointUrl.Should().Be("opc.tcp://plc-01.example.com:4840/UA/Line1");
        endpoint.SecurityPolicy.Should().BeSameAs(SecurityPolicy.None);
        endpoint.SecurityMode.Should().Be(MessageSecurityMode.None);
        endpoint.UserName.Should().BeNull();
        endpoint.Scheme.Should().Be("opc.tcp");
    }

    [Theory]
    [InlineData("opc.tcp://127.0.0.1:48010?security=Basic256Sha256", "Basic256Sha256", MessageSecurityMode.SignAndEncrypt)]
    [InlineData("opc.tcp://127.0.0.1:48010?security=basic256sha256&mode=sign", "Basic256Sha256", MessageSecurityMode.Sign)]
    [InlineData("opc.tcp://127.0.0.1:48010?security=Aes128_Sha256_RsaOaep&mode=SignAndEncrypt", "Aes128_Sha256_RsaOaep", MessageSecurityMode.SignAndEncrypt)]
    [InlineData("opc.tcp://127.0.0.1:48010?security=None&mode=None", "None", MessageSecurityMode.None)]
    public void Parse_OpcUaSecurity_ReturnsPolicyAndMode(string url, string policy, MessageSecurityMode mode)
    {
        var endpoint = (OpcUaEndpoint)DeviceEndpointParser.Parse(url);

        endpoint.EndpointUrl.Should().Be("opc.tcp://127.0.0.1:48010");
        endpoint.SecurityPolicy.Name.Should().Be(policy);
        endpoint.SecurityMode.Should().Be(mode);
    }

    [Fact]
    public void Parse_OpcUaIpv6WithUser_KeepsBracketsAndUser()
    {
        var endpoint = (OpcUaEndpoint)DeviceEndpointParser.Parse("opc.tcp://[::1]:4841/?user=op%20one");

        endpoint.EndpointUrl.Should().Be("opc.tcp://[::1]:4841/");
        endpoint.UserName.Should().Be("op one");
    }

    [Fact]
    public void ToClientOptions_OpcUaUserWithPassword_CarriesIdentityPkiAndTimeout()
    {
        var endpoint = (OpcUaEndpoint)DeviceEndpointParser.Parse("opc.tcp://10.1.1.1?security=Basic256Sha256&mode=Sign&user=operator");

        var options = endpoint.ToClientOptions(TimeSpan.FromSeconds(4), "/tmp/pki", "secret");

        options.Identity.Should().Be(new UserNameIdentity("operator", "secret"));
        options.PkiDirectory.Should().Be("/tmp/pki");
        options.RequestTimeout.Should().Be(TimeSpan.FromSeconds(4));
        options.AutoReconnect.Should().BeFalse();
        options.SecurityMode.Should().Be(MessageSecurityMode.Sign);
    }

    [Fact]
    public void ToClientOptions_OpcUaAnonymousWithoutPki_UsesTheDriverDefaults()
    {
        var endpoint = (OpcUaEndpoint)DeviceEndpointParser.Parse("opc.tcp://10.1.1.1");

        var options = endpoint.ToClientOptions(TimeSpan.FromSeconds(4), pkiDirectory: null, password: "ignored");

        options.Identity.Should().Be(UserIdentity.Anonymous);
        options.PkiDirectory.Should().Be(new OpcUaClientOptions { EndpointUrl = "opc.tcp://x" }.PkiDirectory);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ToClientOptions_OpcUaUserWithoutPassword_ThrowsNamingTheVariable(string? password)
    {
        var endpoint = (OpcUaEndpoint)DeviceEndpointParser.Parse("opc.tcp://10.1.1.1?user=operator");

        var create = () => endpoint.ToClientOptions(TimeSpan.FromSeconds(4), null, password);

        create.Should().Throw<FormatException>().WithMessage("*user 'operator'*PROXUS_OPCUA_PASSWORD*");
    }

    [Theory]
    [InlineData("opc.udp://127.0.0.1:4840", "Unknown scheme 'opc.udp'")]
    [InlineData("opc.tcp://127.0.0.1:4840?security=Basic128Rsa15", "security 'Basic128Rsa15' is not one of None, Basic256Sha256, Aes128_Sha256_RsaOaep, Aes256_Sha256_RsaPss")]
    [InlineData("opc.tcp://127.0.0.1:4840?mode=Sign", "mode Sign needs a security policy")]
    [InlineData("opc.tcp://127.0.0.1:4840?security=Basic256Sha256&mode=None", "security Basic256Sha256 needs mode Sign or SignAndEncrypt")]
    [InlineData("opc.tcp://127.0.0.1:4840?security=Basic256Sha256&mode=Encrypt", "mode 'Encrypt' is not Sign or SignAndEncrypt")]
    [InlineData("opc.tcp://127.0.0.1:4840?password=secret", "Never put a password in the URL: set it in the environment variable PROXUS_OPCUA_PASSWORD")]
    [InlineData("opc.tcp://operator:secret@127.0.0.1:4840", "carries user information")]
    [InlineData("opc.tcp://127.0.0.1:4840?rack=0", "Unknown query parameter 'rack' for opc.tcp (allowed: security, mode, user)")]
    [InlineData("opc.tcp://127.0.0.1:4840/a b", "contains a space")]
    [InlineData("opc.tcp://127.0.0.1:4840/a#b", "or '#'")]
    [InlineData("opc.tcp://:4840/UA", "'' is not a host name")]
    [InlineData("opc.tcp://127.0.0.1:0/UA", "Port '0'")]
    [InlineData("opc.tcp://127.0.0.1?user=", "'user=' is not KEY=VALUE")]
    [InlineData("http://127.0.0.1", "Unknown scheme 'http'")]
    [InlineData("127.0.0.1:502", "is not an endpoint URL")]
    [InlineData("://127.0.0.1", "is not an endpoint URL")]
    [InlineData("modbus-tcp://127.0.0.1:0", "Port '0' is not a number 1..65535")]
    [InlineData("modbus-tcp://127.0.0.1:65536", "Port '65536'")]
    [InlineData("modbus-tcp://127.0.0.1:abc", "Port 'abc'")]
    [InlineData("modbus-tcp://127.0.0.1:-1", "Port '-1'")]
    [InlineData("modbus-tcp://127.0.0.1:", "Port ''")]
    [InlineData("modbus-tcp://:502", "'' is not a host name")]
    [InlineData("modbus-tcp://bad host:502", "'bad host' is not a host name")]
    [InlineData("modbus-tcp://::1:502", "IPv6 address in brackets")]
    [InlineData("s7://[::1", "does not close it")]
    [InlineData("s7://[::1]x", "Unexpected 'x'")]
    [InlineData("modbus-tcp://127.0.0.1/path", "has a path")]
    [InlineData("modbus-tcp://127.0.0.1?slave=1", "Unknown query parameter 'slave' for modbus-tcp (allowed: unit)")]
    [InlineData("modbus-tcp://127.0.0.1?unit=256", "unit '256' is not a number 0..255")]
    [InlineData("modbus-rtu-tcp://127.0.0.1?unit=248", "unit '248' is not a number 0..247")]
    [InlineData("modbus-tcp://127.0.0.1?unit=+1", "unit '+1'")]
    [InlineData("modbus-tcp://127.0.0.1?unit", "'unit' is not KEY=VALUE")]
    [InlineData("modbus-tcp://127.0.0.1?unit=", "'unit=' is not KEY=VALUE")]
    [InlineData("modbus-tcp://127.0.0.1?unit=1&unit=2", "'unit' is given twice")]
    [InlineData("modbus-rtu://127.0.0.1/dev/ttyUSB0", "needs a device path and no host")]
    [InlineData("modbus-rtu:///", "needs a device path")]
    [InlineData("modbus-rtu:///dev/ttyUSB0?baud=12345", "Baud rate 12345 is not one of")]
    [InlineData("modbus-rtu:///dev/ttyUSB0?parity=X", "parity 'X' is not N, E or O")]
    [InlineData("modbus-rtu:///dev/ttyUSB0?stop=3", "stop '3' is not a number 1..2")]
    [InlineData("modbus-rtu:///dev/ttyUSB0?unit=0", "unit '0' is not a number 1..247")]
    [InlineData("modbus-rtu:///dev/ttyUSB0?rack=0", "Unknown query parameter 'rack' for modbus-rtu")]
    [InlineData("s7://127.0.0.1?rack=8", "rack '8' is not a number 0..7")]
    [InlineData("s7://127.0.0.1?slot=32", "slot '32' is not a number 0..31")]
    [InlineData("s7://127.0.0.1?unit=1", "Unknown query parameter 'unit' for s7 (allowed: rack, slot)")]
    public void Parse_InvalidUrl_ThrowsWithReason(string url, string expectedMessage)
    {
        var parse = () => DeviceEndpointParser.Parse(url);

        parse.Should().Throw<EndpointFormatException>().WithMessage($"*{expectedMessage}*");
    }

    [Fact]
    public void Parse_OverlongUrl_ThrowsBeforeParsing()
    {
        var parse = () => DeviceEndpointParser.Parse("modbus-tcp://" + new string('a', DeviceEndpointParser.MaxLength));

        parse.Should().Throw<EndpointFormatException>().WithMessage("*longer than 2048*");
    }

    [Fact]
    public void Parse_TooManyQueryParameters_Throws()
    {
        var query = string.Join('&', Enumerable.Range(0, 17).Select(i => $"k{i}=1"));

        var parse = () => DeviceEndpointParser.Parse("s7://127.0.0.1?" + query);

        parse.Should().Throw<EndpointFormatException>().WithMessage("*more than 16 parameters*");
    }
}

using System.Collections.Frozen;
using Proxus.Core.Model;

namespace Proxus.Core.Addressing;

/// <summary>The address validator of each protocol; immutable, <see cref="With"/> returns a copy.</summary>
public sealed class AddressValidators
{
    private readonly FrozenDictionary<Protocol, IAddressValidator> _validators;

    private AddressValidators(IDictionary<Protocol, IAddressValidator> validators)
    {
        _validators = validators.ToFrozenDictionary();
    }

    /// <summary>The built-in validators: Modbus for the three Modbus transports, S7 and OPC UA NodeIds.</summary>
    public static AddressValidators Default { get; } = new(new Dictionary<Protocol, IAddressValidator>
    {
        [Protocol.ModbusTcp] = ModbusAddressValidator.Instance,
        [Protocol.ModbusRtuOverTcp] = ModbusAddressValidator.Instance,
        [Protocol.ModbusRtuSerial] = ModbusAddressValidator.Instance,
        [Protocol.S7] = S7AddressValidator.Instance,
        [Protocol.OpcUa] = OpcUaNodeIdValidator.Instance,
    });

    public IAddressValidator For(Protocol protocol) => _validators[protocol];

    /// <summary>A copy with the validator of one protocol replaced.</summary>
    public AddressValidators With(Protocol protocol, IAddressValidator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        var copy = new Dictionary<Protocol, IAddressValidator>(_validators) { [protocol] = validator };
        return new(copy);
    }
}

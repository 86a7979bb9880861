namespace Proxus.Web.Services;

/// <summary>A form was refused by the server because of one of its inputs; <see cref="Field"/> names it (see <see cref="WriteRequestFields"/>).</summary>
public sealed class PortalFieldException : Exception
{
    public PortalFieldException()
        : this(WriteRequestFields.Form, "The request was refused.")
    {
    }

    public PortalFieldException(string message)
        : this(WriteRequestFields.Form, message)
    {
    }

    public PortalFieldException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = WriteRequestFields.Form;
    }

    public PortalFieldException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    public string Field { get; }
}

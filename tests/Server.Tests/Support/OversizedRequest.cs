namespace Proxus.Server.Tests.Support;

/// <summary>
/// Posts a body the server must refuse by its declared length. The request asks for
/// <c>100-continue</c>, so the body is never sent: Kestrel answers 413 from the headers and closes
/// the connection. Sending the body anyway races that close — the kernel resets the connection
/// while the client still writes, and the 413 is lost as a broken pipe.
/// </summary>
internal static class OversizedRequest
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.ExpectContinue = true;
        return await client.SendAsync(request);
    }
}

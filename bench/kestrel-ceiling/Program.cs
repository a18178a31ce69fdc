// Bare Kestrel: reads the request body and answers 201 with a small JSON document, like POST /api/v1/bugs does.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapPost("/bugs", async (HttpRequest request) =>
{
    using var reader = new StreamReader(request.Body);
    var body = await reader.ReadToEndAsync().ConfigureAwait(false);
    return Results.Text($"{{\"bugId\":\"ceiling\",\"outcome\":\"created\",\"bytes\":{body.Length}}}", "application/json", statusCode: 201);
});
await app.RunAsync().ConfigureAwait(false);

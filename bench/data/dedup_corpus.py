#!/usr/bin/env python3
"""Generates bench/data/dedup-corpus.jsonl: bug reports in known duplicate groups, for bench/dedup.py.

Each bug of the catalogue below is reported several times through different channels, each report shaped the way
SelfHeal's channel normalizes it (a GitHub issue's title and body, a Sentry event's exception as the trace its
platform prints, an email's subject and body or log, a Slack one-liner, an Alertmanager alert, the .NET
reporter's exception): with varied wording, line numbers and paths that move between versions, sometimes a
different exception thrown at the same place, and reports without any trace. Unrelated reports that share the
bugs' vocabulary (same area, same words) are singletons. Groups are split in two halves, every other one of the catalogue:
`tune` (to look at while changing triage) and `heldout` (to check the change on).

Seeded: the same seed writes the same file. Usage: python3 bench/data/dedup_corpus.py [--seed 7]
"""
import argparse
import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent / "dedup-corpus.jsonl"

# id, language, exceptions thrown at the same place [(type, message)], frames innermost first
# [(qualified function, file, line)], and how people describe it.
BUGS = [
    dict(id="cart-total-null", lang="dotnet",
         exc=[("System.NullReferenceException", "Object reference not set to an instance of an object.")],
         frames=[("Shop.Checkout.CartTotals.Compute(Cart cart)", "src/Shop/Checkout/CartTotals.cs", 42),
                 ("Shop.Checkout.CheckoutService.PlaceOrderAsync(Order order)", "src/Shop/Checkout/CheckoutService.cs", 118),
                 ("Shop.Api.OrdersController.Post(OrderRequest request)", "src/Shop.Api/OrdersController.cs", 31)],
         what=["checkout", "placing an order", "the order button", "POST /orders"],
         symptom=["crashes", "fails with a null reference", "returns a 500", "throws NullReferenceException"],
         when=["when the cart holds a product that was deleted", "after a product is removed from the catalogue", "for carts with a discontinued item", ""],
         slack=["checkout 500s again, null ref in cart totals", "orders failing for some customers — deleted products in cart?", "can't place an order, page just errors"],
         alert=("CheckoutErrorRate", "checkout-api", "5xx ratio on POST /orders above 5% for 10m")),
    dict(id="coupon-parse", lang="dotnet",
         exc=[("System.FormatException", "The input string 'TEN%' was not in a correct format."),
              ("System.OverflowException", "Value was either too large or too small for an Int32.")],
         frames=[("Shop.Pricing.CouponParser.Percent(String code)", "src/Shop/Pricing/CouponParser.cs", 27),
                 ("Shop.Pricing.DiscountService.Apply(Cart cart, String coupon)", "src/Shop/Pricing/DiscountService.cs", 64),
                 ("Shop.Api.CartController.ApplyCoupon(String code)", "src/Shop.Api/CartController.cs", 55)],
         what=["applying a coupon", "the coupon field", "discount codes", "promo codes"],
         symptom=["throws an error", "crashes the cart", "gives a server error", "is broken"],
         when=["for codes with a percent sign", "when the code is 'TEN%'", "with very large percentages", "for some codes"],
         slack=["coupon TEN% blows up the cart", "promo codes broken?? customer can't apply SPRING25%"],
         alert=None),
    dict(id="invoice-pdf-font", lang="java",
         exc=[("java.io.FileNotFoundException", "/usr/share/fonts/DejaVuSans.ttf (No such file or directory)")],
         frames=[("com.acme.billing.pdf.FontLoader.load", "FontLoader.java", 41),
                 ("com.acme.billing.pdf.InvoiceRenderer.render", "InvoiceRenderer.java", 88),
                 ("com.acme.billing.InvoiceService.createPdf", "InvoiceService.java", 132)],
         what=["invoice PDFs", "downloading an invoice", "the invoice export", "PDF generation"],
         symptom=["fail", "come out empty", "error out", "stopped working"],
         when=["since the new container image", "after the base image update", "on the new nodes", ""],
         slack=["invoice pdf download broken since deploy", "customers get blank invoices"],
         alert=("InvoiceRenderFailures", "billing", "invoice PDF rendering failing")),
    dict(id="sync-index-error", lang="python",
         exc=[("IndexError", "list index out of range")],
         frames=[("parse_rows", "app/importer/csv_rows.py", 58),
                 ("import_file", "app/importer/service.py", 112),
                 ("run_import", "app/tasks/imports.py", 24)],
         what=["CSV import", "the product import", "bulk upload", "importing a spreadsheet"],
         symptom=["crashes", "fails halfway", "dies with IndexError", "aborts"],
         when=["on files with an empty last line", "when a row has fewer columns", "for exports from Excel", ""],
         slack=["csv import dying on the last row again", "bulk upload fails for the Excel file from sales"],
         alert=("ImportJobFailures", "importer", "import jobs failing")),
    dict(id="profile-keyerror", lang="python",
         exc=[("KeyError", "'avatar_url'"), ("TypeError", "'NoneType' object is not subscriptable")],
         frames=[("render_profile", "app/accounts/views.py", 77),
                 ("profile", "app/accounts/views.py", 41),
                 ("dispatch", "app/web/router.py", 19)],
         what=["the profile page", "user profiles", "opening my account page", "the account settings"],
         symptom=["crashes", "shows an error page", "returns 500", "won't load"],
         when=["for users without an avatar", "for accounts created via SSO", "after signing up with Google", ""],
         slack=["profile page 500 for SSO users", "my account page is broken"],
         alert=None),
    dict(id="search-undefined", lang="node",
         exc=[("TypeError", "Cannot read properties of undefined (reading 'toLowerCase')")],
         frames=[("normalizeQuery", "src/search/query.js", 14),
                 ("buildFilter", "src/search/filter.js", 33),
                 ("handleSearch", "src/routes/search.js", 21)],
         what=["search", "the search box", "product search", "searching with filters"],
         symptom=["crashes", "throws a TypeError", "returns nothing and errors", "breaks"],
         when=["when the query is empty", "if you only pick a category", "with no search text", ""],
         slack=["search errors when you only choose a category", "empty search = error page"],
         alert=("SearchErrors", "search-api", "search endpoint error rate high")),
    dict(id="ws-reconnect-loop", lang="node",
         exc=[("Error", "WebSocket is not open: readyState 3 (CLOSED)")],
         frames=[("Socket.send", "src/live/socket.js", 88),
                 ("pushUpdate", "src/live/notifier.js", 42),
                 ("Timeout.tick", "src/live/notifier.js", 17)],
         what=["live updates", "the notification feed", "real-time order tracking", "the websocket connection"],
         symptom=["stop after a while", "throw errors in the console", "keep reconnecting", "freeze"],
         when=["after the laptop wakes from sleep", "when wifi drops for a moment", "after ~10 minutes idle", ""],
         slack=["live tracking freezes after the wifi blips", "notifications stop until I refresh"],
         alert=None),
    dict(id="go-cache-panic", lang="go",
         exc=[("panic", "runtime error: index out of range [5] with length 5")],
         frames=[("github.com/acme/shop/internal/cache.(*Ring).Get", "internal/cache/ring.go", 44),
                 ("github.com/acme/shop/internal/catalog.(*Service).Product", "internal/catalog/service.go", 91),
                 ("github.com/acme/shop/internal/http.productHandler", "internal/http/products.go", 37)],
         what=["the catalog service", "product pages", "the product API", "catalog-svc"],
         symptom=["panics", "restarts", "crashes with index out of range", "goes down"],
         when=["under load", "when the cache wraps around", "after the cache fills up", ""],
         slack=["catalog-svc pods crashlooping", "product pages down, catalog panicking"],
         alert=("KubePodCrashLooping", "catalog-svc", "pod is restarting frequently")),
    dict(id="go-nil-map", lang="go",
         exc=[("panic", "assignment to entry in nil map")],
         frames=[("github.com/acme/shop/internal/metrics.(*Registry).Inc", "internal/metrics/registry.go", 29),
                 ("github.com/acme/shop/internal/orders.(*Worker).Handle", "internal/orders/worker.go", 73),
                 ("github.com/acme/shop/internal/orders.(*Worker).Run", "internal/orders/worker.go", 51)],
         what=["the order worker", "order processing", "orders-worker", "the background order job"],
         symptom=["panics on start", "crashes", "dies immediately", "won't start"],
         when=["with metrics enabled", "after enabling METRICS=1", "on the new config", ""],
         slack=["orders-worker panics: assignment to entry in nil map", "order worker crashing since metrics flag"],
         alert=("OrdersWorkerDown", "orders-worker", "no orders processed for 15 minutes")),
    dict(id="login-lockout-npe", lang="java",
         exc=[("java.lang.NullPointerException", "Cannot invoke \"java.time.Instant.plus(java.time.temporal.TemporalAmount)\" because \"this.lockedAt\" is null")],
         frames=[("com.acme.auth.LockoutPolicy.isLocked", "LockoutPolicy.java", 36),
                 ("com.acme.auth.LoginService.authenticate", "LoginService.java", 74),
                 ("com.acme.auth.web.LoginController.login", "LoginController.java", 29)],
         what=["login", "signing in", "the login form", "authentication"],
         symptom=["fails with an internal error", "crashes", "returns 500", "is broken"],
         when=["after three wrong passwords", "for accounts that were unlocked by support", "after a password reset", ""],
         slack=["login 500 after wrong password attempts", "can't sign in, error page after typo in password"],
         alert=("AuthErrorRate", "auth", "login errors above threshold")),
    dict(id="export-timezone", lang="dotnet",
         exc=[("System.ArgumentOutOfRangeException", "The UTC time represented when the offset is applied must be between year 0 and 10,000. (Parameter 'offset')")],
         frames=[("Shop.Reports.ExportWriter.WriteDate(DateTime value)", "src/Shop/Reports/ExportWriter.cs", 73),
                 ("Shop.Reports.ExportWriter.WriteRow(Order order)", "src/Shop/Reports/ExportWriter.cs", 51),
                 ("Shop.Reports.SalesExport.RunAsync(ExportRequest request)", "src/Shop/Reports/SalesExport.cs", 29)],
         what=["the sales export", "exporting sales to CSV", "the monthly report export", "report downloads"],
         symptom=["crashes", "fails", "throws ArgumentOutOfRangeException", "errors out"],
         when=["for orders without a date", "when an order has DateTime.MinValue", "for old imported orders", ""],
         slack=["sales export broken for March", "report export fails, something about offset"],
         alert=None),
    dict(id="upload-size-py", lang="python",
         exc=[("ValueError", "image file is truncated (12 bytes not processed)"), ("OSError", "image file is truncated")],
         frames=[("make_thumbnail", "app/media/thumbs.py", 33),
                 ("save_upload", "app/media/uploads.py", 61),
                 ("upload", "app/media/views.py", 18)],
         what=["image uploads", "uploading a product photo", "thumbnails", "the media upload"],
         symptom=["fail", "crash", "give an error", "break"],
         when=["for photos from iPhones", "for large JPEGs", "when the upload is interrupted", ""],
         slack=["photo upload fails for iPhone pics", "thumbnails broken for some uploads"],
         alert=None),
    dict(id="payment-timeout", lang="java",
         exc=[("java.net.SocketTimeoutException", "Read timed out")],
         frames=[("com.acme.payments.gateway.StripeClient.charge", "StripeClient.java", 112),
                 ("com.acme.payments.PaymentService.capture", "PaymentService.java", 58),
                 ("com.acme.payments.web.PaymentController.pay", "PaymentController.java", 40)],
         what=["payments", "card payments", "paying with a card", "the payment step"],
         symptom=["time out", "hang and fail", "fail intermittently", "error out"],
         when=["during peak hours", "on Black Friday", "for large orders", ""],
         slack=["payments timing out again", "card payments hanging at the last step"],
         alert=("PaymentLatencyHigh", "payments", "p99 charge latency above 10s")),
    dict(id="node-json-parse", lang="node",
         exc=[("SyntaxError", "Unexpected end of JSON input")],
         frames=[("JSON.parse", "<anonymous>", 0),
                 ("readSettings", "src/config/settings.js", 22),
                 ("loadConfig", "src/config/index.js", 9)],
         what=["the admin settings page", "settings", "saving settings", "the config loader"],
         symptom=["crashes", "fails to load", "throws SyntaxError", "won't open"],
         when=["after the disk filled up", "when settings.json is empty", "after a failed save", ""],
         slack=["admin settings won't load — JSON error", "settings page broken after disk full incident"],
         alert=None),
    dict(id="stock-race", lang="dotnet",
         exc=[("Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException", "The database operation was expected to affect 1 row(s), but actually affected 0 row(s).")],
         frames=[("Shop.Inventory.StockService.ReserveAsync(Guid productId, Int32 quantity)", "src/Shop/Inventory/StockService.cs", 88),
                 ("Shop.Checkout.CheckoutService.PlaceOrderAsync(Order order)", "src/Shop/Checkout/CheckoutService.cs", 97),
                 ("Shop.Api.OrdersController.Post(OrderRequest request)", "src/Shop.Api/OrdersController.cs", 31)],
         what=["checkout", "placing an order", "stock reservation", "ordering popular items"],
         symptom=["fails", "errors", "returns 409", "throws a concurrency exception"],
         when=["when two people buy the last item", "during flash sales", "under load", ""],
         slack=["orders failing in the flash sale", "checkout errors when stock is low"],
         alert=("CheckoutErrorRate", "checkout-api", "5xx ratio on POST /orders above 5% for 10m")),
    dict(id="email-template-py", lang="python",
         exc=[("jinja2.exceptions.UndefinedError", "'dict object' has no attribute 'first_name'")],
         frames=[("render", "app/notify/templates.py", 29),
                 ("send_welcome", "app/notify/mail.py", 47),
                 ("on_signup", "app/accounts/signals.py", 15)],
         what=["welcome emails", "the signup email", "new user emails", "the welcome mail"],
         symptom=["are not sent", "fail to render", "crash the signup", "error"],
         when=["for users without a first name", "for company accounts", "for SSO signups", ""],
         slack=["welcome emails not going out", "signup mail template error"],
         alert=None),
    dict(id="go-db-conn", lang="go",
         exc=[("panic", "runtime error: invalid memory address or nil pointer dereference")],
         frames=[("github.com/acme/shop/internal/store.(*DB).Query", "internal/store/db.go", 58),
                 ("github.com/acme/shop/internal/reviews.(*Repo).List", "internal/reviews/repo.go", 33),
                 ("github.com/acme/shop/internal/http.reviewsHandler", "internal/http/reviews.go", 22)],
         what=["reviews", "the reviews service", "product reviews", "reviews-api"],
         symptom=["crash", "panic with nil pointer", "are down", "return 502"],
         when=["when the database restarts", "after a DB failover", "on cold start", ""],
         slack=["reviews-api panicking after the db failover", "no reviews showing, service down"],
         alert=("ReviewsApiDown", "reviews-api", "target down")),
    dict(id="java-date-parse", lang="java",
         exc=[("java.time.format.DateTimeParseException", "Text '2026-02-30' could not be parsed: Invalid date 'FEBRUARY 30'")],
         frames=[("com.acme.booking.DateInput.parse", "DateInput.java", 24),
                 ("com.acme.booking.BookingService.create", "BookingService.java", 67),
                 ("com.acme.booking.web.BookingController.book", "BookingController.java", 45)],
         what=["booking", "the booking form", "reservations", "creating a booking"],
         symptom=["crashes", "shows a server error", "fails", "throws a parse exception"],
         when=["for invalid dates like Feb 30", "when the date is typed by hand", "with a wrong date", ""],
         slack=["booking form 500 when you type 30 Feb", "reservations error on bad date"],
         alert=None),
]

# Reports that share the bugs' words but are about something else; each is its own group.
UNRELATED = [
    ("Checkout page is slow on mobile", "The checkout page takes 8 seconds to load on a phone. No error, just slow. Order still goes through."),
    ("Checkout button misaligned in Safari", "On Safari 17 the place order button overlaps the cart total. Cosmetic only."),
    ("Order confirmation email shows wrong currency", "Customers in the UK get the order confirmation with prices in EUR."),
    ("Add dark mode to the order history page", "Feature request: the order history page should follow the system dark mode."),
    ("Coupon field should accept lowercase codes", "Typing spring25 instead of SPRING25 says the coupon is invalid. Could codes be case-insensitive?"),
    ("Invoice PDF has the old company address", "The footer of every invoice still shows the old office address."),
    ("CSV import template link is dead", "The 'download template' link on the import page returns 404."),
    ("Profile page typo: 'Adress'", "The profile page label says 'Adress' instead of 'Address'."),
    ("Search results sorted wrongly by price", "Sorting search results by price puts 100 before 20; looks like string sorting."),
    ("Live updates: add sound on new order", "Would be nice to hear a sound when the live feed shows a new order."),
    ("Catalog service logs too verbose", "catalog-svc logs every cache hit at INFO, filling the disk. Please lower to DEBUG."),
    ("Order worker metrics dashboard missing", "The Grafana dashboard for the order worker has no panels since last week."),
    ("Login page should remember my email", "Please add 'remember me' so the email is prefilled on the login page."),
    ("Sales export should include the VAT column", "The monthly sales export lacks VAT per order; finance needs it."),
    ("Upload limit is too small for product videos", "We cannot upload product videos over 50 MB. Can the limit be raised?"),
    ("Payment page shows card logos in wrong order", "Visa should come first on the payment page, design says."),
    ("Settings page: group options by section", "The admin settings page is a long list; please group into sections."),
    ("Stock count off by one after returns", "After a return is processed the stock count shows one less than the warehouse has. No error."),
    ("Welcome email lands in spam", "Gmail puts our welcome email in spam; SPF record may be missing."),
    ("Reviews: allow editing a review", "Customers want to edit their product review after posting it."),
    ("Booking form should default to tomorrow", "The date picker on the booking form starts on today; most bookings are for tomorrow."),
    ("Checkout: add PayPal", "Feature request: PayPal as a payment option in checkout."),
    ("Catalog pods use too much memory", "catalog-svc pods sit at 1.8 GiB; limits are 2 GiB. No crashes yet."),
    ("Login sessions expire too quickly", "I get logged out after 10 minutes of inactivity; should be an hour."),
    ("Search box loses focus after typing", "While typing in the search box the focus jumps away after the suggestions appear."),
    ("Import progress bar stuck at 99%", "The import finishes (all rows are in) but the progress bar stays at 99%."),
    ("Payment receipts missing order number", "The payment receipt email has no order number, customers ask support."),
    ("Reviews API returns reviews in random order", "GET /reviews should be newest first; order changes between calls."),
]

PATH_PREFIXES = {
    "dotnet": ["/src/", "/app/", "/home/runner/work/shop/shop/", "C:\\build\\shop\\"],
    "python": ["/app/", "/srv/shop/", "/home/deploy/shop/", "/usr/src/app/"],
    "node": ["/app/", "/usr/src/app/", "/home/node/shop/", "webpack:///./"],
    "go": ["/app/", "/home/runner/work/shop/shop/", "/go/src/github.com/acme/shop/", "/build/"],
    "java": [""],
}
VERSIONS = ["2.14.0", "2.14.1", "2.15.0", "2.15.0-rc.2", "2.16.3"]
PEOPLE = ["alice", "bob", "carol", "dan", "erin", "farid", "grace", "hiro", "ines", "jonas"]


def trace(bug, rng, exc=None):
    """The bug's trace as its platform prints it, with lines and paths as another build would have them."""
    exc_type, message = exc or rng.choice(bug["exc"])
    prefix = rng.choice(PATH_PREFIXES[bug["lang"]])
    shift = rng.choice([0, 0, 0, 1, 2, 5, -2, 11])
    frames = [(f, file, line + shift if line else 0) for f, file, line in bug["frames"]]
    if rng.random() < 0.25:  # a build with one more caller, or a framework frame on the outside
        frames = frames + [{"dotnet": ("Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor.Execute()", "", 0),
                            "python": ("wsgi_app", "/usr/lib/python3/dist-packages/flask/app.py", 1484),
                            "node": ("Layer.handle", "node_modules/express/lib/router/layer.js", 95),
                            "go": ("net/http.HandlerFunc.ServeHTTP", "/usr/local/go/src/net/http/server.go", 2136),
                            "java": ("org.springframework.web.servlet.FrameworkServlet.service", "FrameworkServlet.java", 897)}[bug["lang"]]]
    lang = bug["lang"]
    if lang == "dotnet":
        sep = "\\" if prefix.startswith("C:") else "/"
        lines = [f"{exc_type}: {message}"]
        for f, file, line in frames:
            lines.append(f"   at {f} in {prefix}{file.replace('/', sep)}:line {line}" if file else f"   at {f}")
        return "\n".join(lines)
    if lang == "python":
        lines = ["Traceback (most recent call last):"]
        for f, file, line in reversed(frames):
            path = file if file.startswith("/") else prefix + file
            lines.append(f'  File "{path}", line {line}, in {f}')
        lines.append(f"{exc_type}: {message}")
        return "\n".join(lines)
    if lang == "node":
        lines = [f"{exc_type}: {message}"]
        for f, file, line in frames:
            if file == "<anonymous>":
                lines.append(f"    at {f} (<anonymous>)")
            else:
                path = file if file.startswith("node_modules") is False else file
                lines.append(f"    at {f} ({prefix}{path}:{line}:{rng.choice([7, 12, 19, 23])})")
        return "\n".join(lines)
    if lang == "go":
        lines = [f"{exc_type}: {message}", "", f"goroutine {rng.choice([1, 7, 18, 42, 311])} [running]:"]
        for f, file, line in frames:
            path = file if file.startswith("/") else prefix + file
            lines.append(f"{f}(...)" if rng.random() < 0.5 else f"{f}(0xc000{rng.randrange(4096, 65535):x})")
            lines.append(f"\t{path}:{line} +0x{rng.randrange(16, 512):x}")
        return "\n".join(lines)
    lines = [f"{exc_type}: {message}"]
    for f, file, line in frames:
        lines.append(f"\tat {f}({file}:{line})")
    return "\n".join(lines)


def title(bug, rng):
    t = f"{rng.choice(bug['what'])} {rng.choice(bug['symptom'])} {rng.choice(bug['when'])}".strip()
    return t[0].upper() + t[1:]


def github(bug, rng):
    body = [f"**Describe the bug**\n{title(bug, rng)}.", f"\n**Version**: {rng.choice(VERSIONS)}"]
    if rng.random() < 0.7:
        body.append("\n**Stack trace**\n```\n" + trace(bug, rng) + "\n```")
    else:
        body.append("\n**To reproduce**\n1. Open the app\n2. " + rng.choice(bug["what"]) + "\n3. See the error")
    return dict(source="github", title=title(bug, rng), description="\n".join(body), labels=["bug"])


def sentry(bug, rng):
    exc = rng.choice(bug["exc"])
    short = exc[0].rsplit(".", 1)[-1] if bug["lang"] in ("dotnet", "java") else exc[0]
    return dict(source="sentry", title=f"{short}: {exc[1]}"[:300], stackTrace=trace(bug, rng, exc),
                description=f"Culprit: {bug['frames'][0][0]}\nAlert rule: Errors in production", labels=[f"release=shop@{rng.choice(VERSIONS)}"])


def email(bug, rng):
    person = rng.choice(PEOPLE)
    report = dict(source="email", title=title(bug, rng), reporter=f"{person}@shop.example")
    greeting = rng.choice(["Hi team,", "Hello,", "Hi,", "Dear support,"])
    text = f"{greeting}\n\n{title(bug, rng)}. {rng.choice(['It started this morning.', 'This happens every time.', 'Customers are complaining.', 'Not sure since when.'])}"
    if rng.random() < 0.5:
        report["description"] = f"{text}\n\n{trace(bug, rng)}\n\nThanks,\n{person.title()}"
    else:
        report["description"] = f"{text}\n\nThe log is attached.\n\nThanks,\n{person.title()}"
        stamp = f"2026-11-{rng.randrange(10, 28)} {rng.randrange(0, 24):02d}:{rng.randrange(0, 60):02d}:{rng.randrange(0, 60):02d}"
        report["log"] = f"{stamp} INFO request started\n{stamp} ERROR unhandled exception\n{trace(bug, rng)}\n{stamp} INFO request finished"
    return report


def slack(bug, rng):
    return dict(source="slack", title=rng.choice(bug["slack"]), reporter=f"U0{rng.randrange(10**6, 10**7)}")


def alertmanager(bug, rng):
    name, service, summary = bug["alert"]
    return dict(source="alertmanager", title=f"[FIRING:1] {name} {service}",
                description=f"summary: {summary}\ndescription: {service} in production: {summary}",
                labels=[f"alertname={name}", f"service={service}", "severity=critical"])


def reporter(bug, rng):
    exc = rng.choice(bug["exc"])
    return dict(source="reporter", title=f"{exc[0]}: {exc[1]}"[:300], stackTrace=trace(bug, rng, exc))


CHANNELS = [(github, 0.27), (sentry, 0.2), (email, 0.2), (slack, 0.15), (alertmanager, 0.1), (reporter, 0.08)]


def split_of(group):
    """Every other group of the catalogue (and of the unrelated reports) is held out."""
    index = [b["id"] for b in BUGS].index(group) if not group.startswith("unrelated-") else int(group.rsplit("-", 1)[1])
    return "tune" if index % 2 == 0 else "heldout"


def generate(seed):
    rng = random.Random(seed)
    reports = []
    for bug in BUGS:
        count = rng.randint(7, 13)
        channels = [c for c in CHANNELS if c[0] is not alertmanager or bug["alert"]]
        makers = rng.choices([c[0] for c in channels], weights=[c[1] for c in channels], k=count)
        # Every exception thrown at the bug's place is reported at least once.
        for i, exc in enumerate(bug["exc"]):
            report = reporter(bug, rng) if i else None
            if report:
                report["stackTrace"] = trace(bug, rng, exc)
                report["title"] = f"{exc[0]}: {exc[1]}"[:300]
                reports.append((bug["id"], report))
        reports.extend((bug["id"], make(bug, rng)) for make in makers)
    for i, (t, d) in enumerate(UNRELATED):
        reports.append((f"unrelated-{i:02d}", dict(source=rng.choice(["github", "email", "slack", "api"]), title=t, description=d)))
    rng.shuffle(reports)
    for n, (group, report) in enumerate(reports, 1):
        yield {"id": f"r{n:03d}", "group": group, "split": split_of(group), "report": report}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rows = list(generate(args.seed))
    with OUT.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    groups = {r["group"] for r in rows}
    print(f"{len(rows)} reports in {len(groups)} groups -> {OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT}")


if __name__ == "__main__":
    main()

"""Demo pictures drawn by our own code (no downloads): library scenes that read as photographs
(a reading room, shelves, a children's corner, an event hall, a computer room, the building),
book covers and a sketch map. Each is drawn in perspective with soft light, then given the
depth of field, grain and vignette of a camera, so a demo portal does not look like a wireframe.

Everything is seeded: the same name gives the same picture.
"""

import random

import fontpkg_be_vietnam_pro
from PIL import Image, ImageDraw, ImageFilter, ImageFont

WOOD = [(121, 85, 58), (139, 98, 66), (104, 72, 48)]
SPINES = [
    (128, 38, 36), (31, 78, 121), (46, 104, 74), (196, 150, 60), (92, 60, 104), (176, 84, 44),
    (40, 40, 48), (214, 204, 180), (70, 120, 130), (150, 46, 66), (60, 90, 60), (224, 180, 90),
]
FONT_DIR = fontpkg_be_vietnam_pro.ROOT / "files"


def font(size, weight="Bold"):
    """Be Vietnam Pro (the site's own typeface), DejaVu if it is missing."""
    try:
        return ImageFont.truetype(str(FONT_DIR / f"BeVietnamPro-{weight}.ttf"), size)
    except OSError:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)


def shade(colour, factor):
    """``colour`` darker (factor < 1) or lighter (> 1)."""
    return tuple(max(0, min(255, round(part * factor))) for part in colour[:3])


def vertical_gradient(size, top, bottom):
    """An image fading from ``top`` to ``bottom``."""
    width, height = size
    column = Image.new("RGB", (1, height))
    for y in range(height):
        share = y / max(1, height - 1)
        colour = (round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True))
        column.putpixel((0, y), tuple(colour))
    return column.resize(size)


def shelf_of_books(draw, box, rng, tilt=True):
    """Book spines standing on one shelf inside ``box`` (left, top, right, bottom)."""
    left, top, right, bottom = box
    x = left
    height = bottom - top
    while x < right - 4:
        width = rng.randint(max(3, height // 9), max(5, height // 4))
        spine_top = bottom - rng.randint(int(height * 0.68), int(height * 0.97))
        colour = rng.choice(SPINES)
        if tilt and rng.random() < 0.06 and x + width * 2 < right:
            draw.polygon([(x, bottom), (x + width, bottom), (x + width * 2, spine_top + 6),
                          (x + width, spine_top)], fill=shade(colour, 0.9))
            x += width * 2 + 1
            continue
        draw.rectangle([x, spine_top, min(x + width, right), bottom], fill=colour)
        draw.line([x, spine_top, x, bottom], fill=shade(colour, 1.25), width=max(1, width // 6))
        if height > 40 and rng.random() < 0.7:
            band = spine_top + (bottom - spine_top) // rng.randint(4, 6)
            draw.rectangle([x + 1, band, x + width - 1, band + max(2, height // 30)],
                           fill=shade(colour, 1.5))
        x += width + rng.choice([0, 0, 1])


def bookcase(draw, box, rng, rows):
    """A wooden bookcase with ``rows`` shelves of books."""
    left, top, right, bottom = box
    frame = rng.choice(WOOD)
    draw.rectangle(box, fill=shade(frame, 0.55))
    row_height = (bottom - top) / rows
    for row in range(rows):
        shelf_top = top + row * row_height + row_height * 0.08
        shelf_bottom = top + (row + 1) * row_height - row_height * 0.1
        shelf_of_books(draw, (left + 6, int(shelf_top), right - 6, int(shelf_bottom)), rng)
        draw.rectangle([left, int(shelf_bottom), right, int(shelf_bottom + row_height * 0.1)],
                       fill=frame)
    draw.rectangle([left, top, left + 6, bottom], fill=frame)
    draw.rectangle([right - 6, top, right, bottom], fill=frame)


def window_light(image, box, strength=110):
    """A bright window and the glow it throws into the room."""
    glow = Image.new("L", image.size, 0)
    ImageDraw.Draw(glow).rectangle(box, fill=strength)
    glow = glow.filter(ImageFilter.GaussianBlur(image.size[0] // 14))
    image.paste((255, 244, 222), mask=glow)
    draw = ImageDraw.Draw(image)
    draw.rectangle(box, fill=(236, 244, 250))
    left, top, right, bottom = box
    for x in range(left, right, max(1, (right - left) // 3)):
        draw.line([x, top, x, bottom], fill=(120, 110, 100), width=4)
    middle = (top + bottom) // 2
    draw.line([left, middle, right, middle], fill=(120, 110, 100), width=4)


def room(size, wall, floor_colour, horizon_share):
    """An empty room: the wall fading from ``wall`` (top, bottom colours) down to a wooden floor
    from ``horizon_share`` of the height; returns the image, its drawing and the horizon."""
    image = vertical_gradient(size, *wall)
    draw = ImageDraw.Draw(image)
    horizon = int(size[1] * horizon_share)
    floor(draw, size, horizon, floor_colour)
    return image, draw, horizon


def far_away(image):
    """The background out of focus, as a camera focused on the foreground sees it."""
    return image.filter(ImageFilter.GaussianBlur(max(1, image.size[0] // 500)))


def floor(draw, size, horizon, colour):
    """Wooden floor boards running to the vanishing point."""
    width, height = size
    draw.rectangle([0, horizon, width, height], fill=colour)
    for x in range(-width, width * 2, 70):
        draw.line([(width // 2 + (x - width // 2) * 0.25, horizon), (x, height)],
                  fill=shade(colour, 0.85), width=2)


def table_with_lamp(draw, x, y, scale, rng):
    """A reading table seen from the front, a green lamp and an open book on it."""
    wood = rng.choice(WOOD)
    width, depth = int(260 * scale), int(60 * scale)
    draw.polygon([(x - width // 2 + depth, y - depth), (x + width // 2 - depth, y - depth),
                  (x + width // 2, y), (x - width // 2, y)], fill=shade(wood, 1.1))
    draw.rectangle([x - width // 2, y, x + width // 2, y + int(14 * scale)], fill=shade(wood, 0.7))
    for leg in (x - width // 2 + 8, x + width // 2 - 16):
        draw.rectangle([leg, y, leg + int(8 * scale), y + int(90 * scale)], fill=shade(wood, 0.5))
    lamp_x = x + int(width * 0.22)
    draw.rectangle([lamp_x, y - int(70 * scale), lamp_x + 4, y - depth // 2], fill=(190, 160, 80))
    draw.chord([lamp_x - int(30 * scale), y - int(95 * scale), lamp_x + int(34 * scale),
                y - int(45 * scale)], 180, 360, fill=(30, 100, 60))
    draw.polygon([(x - int(60 * scale), y - depth // 2), (x, y - depth // 2 - 8),
                  (x + int(50 * scale), y - depth // 2), (x, y - depth // 2 + 10)],
                 fill=(245, 240, 228))


def person(draw, x, y, scale, rng):
    """A reader seen from behind: shoulders and head."""
    shirt = rng.choice([(60, 90, 140), (150, 60, 60), (70, 110, 80), (200, 190, 170), (40, 40, 50)])
    hair = rng.choice([(25, 20, 18), (40, 30, 25), (60, 45, 35)])
    draw.rounded_rectangle([x - 34 * scale, y, x + 34 * scale, y + 80 * scale], 22 * scale,
                           fill=shirt)
    draw.ellipse([x - 17 * scale, y - 38 * scale, x + 17 * scale, y + 2 * scale], fill=hair)


def reading_room(size, rng):
    """A reading room: bookcases along the walls, tall windows, tables and readers."""
    width, height = size
    image, draw, horizon = room(size, ((232, 224, 208), (214, 200, 180)), (150, 108, 72), 0.58)
    bookcase(draw, (int(width * 0.18), int(height * 0.16), int(width * 0.82), horizon), rng, 5)
    window_light(image, (int(width * 0.02), int(height * 0.1), int(width * 0.14),
                         int(height * 0.5)))
    window_light(image, (int(width * 0.86), int(height * 0.1), int(width * 0.98),
                         int(height * 0.5)))
    image = far_away(image)
    draw = ImageDraw.Draw(image)
    for row, (y, scale) in enumerate(((horizon + height * 0.12, 0.8), (height * 0.9, 1.15))):
        for column in range(2 + row):
            x = int(width * (column + 0.5) / (2 + row))
            table_with_lamp(draw, x, int(y), scale, rng)
            if rng.random() < 0.7:
                person(draw, x - int(40 * scale), int(y + 20 * scale), scale, rng)
    return image


def shelves(size, rng):
    """A close view of full shelves, the nearest row in focus."""
    width, height = size
    image = Image.new("RGB", size, (70, 50, 36))
    bookcase(ImageDraw.Draw(image), (-10, -10, width + 10, height + 10), rng, 4)
    mask = vertical_gradient(size, (255, 255, 255), (0, 0, 0)).convert("L")
    mask = mask.point(lambda value: 255 - min(255, abs(value - 110) * 2))
    sharp = image.copy()
    image = image.filter(ImageFilter.GaussianBlur(6))
    image.paste(sharp, mask=mask)
    return image


def children_corner(size, rng):
    """A bright children's corner: low shelves, picture books face out, a round rug."""
    width, height = size
    image, draw, horizon = room(size, ((250, 236, 210), (244, 222, 190)), (196, 160, 118), 0.6)
    draw.ellipse([width * 0.18, height * 0.66, width * 0.82, height * 1.02], fill=(64, 150, 170))
    draw.ellipse([width * 0.26, height * 0.72, width * 0.74, height * 0.96], fill=(242, 177, 52))
    for index in range(3):
        left = int(width * (0.06 + index * 0.31))
        bookcase(draw, (left, int(height * 0.3), left + int(width * 0.27), horizon), rng, 2)
    image = far_away(image)
    draw = ImageDraw.Draw(image)
    for index in range(6):
        x = int(width * (0.1 + index * 0.15))
        colour = rng.choice(SPINES)
        draw.rectangle([x, int(height * 0.2), x + 80, int(height * 0.28)], fill=colour)
        draw.ellipse([x + 20, int(height * 0.21), x + 44, int(height * 0.26)],
                     fill=shade(colour, 1.6))
    for x, colour in ((0.22, (220, 80, 70)), (0.7, (90, 160, 90))):
        draw.ellipse([width * x, height * 0.74, width * x + 150, height * 0.88], fill=colour)
    return image


def event_hall(size, rng):
    """An event: a banner on the stage and the audience's heads."""
    width, height = size
    image = vertical_gradient(size, (60, 54, 70), (36, 30, 40))
    draw = ImageDraw.Draw(image)
    draw.rectangle([width * 0.1, height * 0.1, width * 0.9, height * 0.5], fill=(160, 28, 36))
    draw.rectangle([width * 0.12, height * 0.13, width * 0.88, height * 0.47], fill=(190, 40, 44))
    banner = font(max(18, width // 22))
    draw.text((width / 2, height * 0.24), "NGÀY HỘI ĐỌC SÁCH", font=banner, anchor="mm",
              fill=(250, 214, 90))
    draw.text((width / 2, height * 0.37), "Thư viện tỉnh", font=font(max(12, width // 40),
              "Medium"), anchor="mm", fill=(255, 245, 230))
    window_light(image, (int(width * 0.44), int(height * 0.52), int(width * 0.56),
                         int(height * 0.6)), 60)
    draw = ImageDraw.Draw(image)
    for row in range(4):
        y = height * (0.62 + row * 0.11)
        scale = 0.7 + row * 0.25
        for column in range(-1, 9):
            x = width * (column + 0.5 + (row % 2) * 0.5) / 8
            person(draw, x, y, scale, rng)
    return image


def computer_room(size, rng):
    """A digital corner: rows of desks with glowing screens."""
    width, height = size
    image, draw, horizon = room(size, ((226, 232, 236), (200, 210, 216)), (120, 124, 130), 0.55)
    window_light(image, (int(width * 0.3), int(height * 0.08), int(width * 0.7),
                         int(height * 0.4)), 90)
    image = far_away(image)
    draw = ImageDraw.Draw(image)
    for row, (y, scale) in enumerate(((horizon + height * 0.08, 0.7), (height * 0.8, 1.1))):
        for column in range(3 + row):
            x = width * (column + 0.5) / (3 + row)
            draw.rectangle([x - 120 * scale, y, x + 120 * scale, y + 16 * scale],
                           fill=(90, 94, 100))
            draw.rectangle([x - 50 * scale, y - 80 * scale, x + 50 * scale, y - 12 * scale],
                           fill=(30, 34, 40))
            draw.rectangle([x - 44 * scale, y - 74 * scale, x + 44 * scale, y - 18 * scale],
                           fill=rng.choice([(90, 160, 220), (120, 190, 230), (230, 240, 250)]))
            if rng.random() < 0.6:
                person(draw, x + 10 * scale, y + 30 * scale, scale, rng)
    return image


def building(size, rng):
    """The library's building under a clear sky, trees in front."""
    width, height = size
    image = vertical_gradient(size, (120, 170, 220), (214, 230, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height * 0.82, width, height], fill=(180, 176, 168))
    draw.rectangle([width * 0.12, height * 0.28, width * 0.88, height * 0.82], fill=(236, 226, 204))
    draw.rectangle([width * 0.1, height * 0.22, width * 0.9, height * 0.3], fill=(176, 60, 48))
    draw.text((width / 2, height * 0.36), "THƯ VIỆN TỈNH", font=font(max(16, width // 26)),
              anchor="mm", fill=(120, 40, 32))
    for column in range(8):
        x = width * (0.16 + column * 0.096)
        draw.rectangle([x, height * 0.44, x + width * 0.05, height * 0.78], fill=(90, 120, 140))
        draw.rectangle([x + 4, height * 0.45, x + width * 0.05 - 4, height * 0.6],
                       fill=(150, 190, 214))
    for step in range(4):
        draw.rectangle([width * (0.38 - step * 0.02), height * (0.78 + step * 0.012),
                        width * (0.62 + step * 0.02), height * (0.79 + step * 0.012)],
                       fill=(200, 196, 188))
    for x in (0.04, 0.2, 0.8, 0.95):
        trunk = width * x
        draw.rectangle([trunk - 6, height * 0.62, trunk + 6, height * 0.86], fill=(90, 64, 40))
        for _blob in range(7):
            dx, dy = rng.randint(-70, 70), rng.randint(-60, 30)
            radius = rng.randint(40, 70)
            draw.ellipse([trunk + dx - radius, height * 0.56 + dy - radius, trunk + dx + radius,
                          height * 0.56 + dy + radius], fill=rng.choice([(56, 110, 60),
                                                                          (72, 130, 70)]))
    return image


SCENES = {
    "reading_room": reading_room,
    "shelves": shelves,
    "children": children_corner,
    "event": event_hall,
    "computers": computer_room,
    "building": building,
}


def camera(image, rng):
    """What a camera adds: a little softness, light falling off the centre, grain, warm light
    and a vignette."""
    width, height = image.size
    image = image.filter(ImageFilter.GaussianBlur(1.1))
    light = Image.new("L", image.size, 0)
    ImageDraw.Draw(light).ellipse([width * 0.1, height * 0.05, width * 0.9, height * 0.8],
                                  fill=70)
    light = light.filter(ImageFilter.GaussianBlur(width // 8))
    image.paste((255, 250, 238), mask=light)
    grain = Image.effect_noise(image.size, 18).convert("RGB")
    image = Image.blend(image, grain, 0.08)
    warm = Image.new("RGB", image.size, (255, 214, 160))
    image = Image.blend(image, warm, 0.05 + rng.random() * 0.04)
    vignette = Image.new("L", image.size, 0)
    ImageDraw.Draw(vignette).ellipse([-width * 0.15, -height * 0.2, width * 1.15, height * 1.2],
                                     fill=255)
    vignette = vignette.filter(ImageFilter.GaussianBlur(width // 10))
    return Image.composite(image, Image.new("RGB", image.size, (20, 16, 12)), vignette)


def photo(scene, seed, size=(1200, 800)):
    """A picture of ``scene`` (a name in ``SCENES``), varied by ``seed``."""
    rng = random.Random(f"{scene}-{seed}")
    return camera(SCENES[scene](size, rng), rng)


def wrap(text, draw, typeface, width):
    """``text`` broken into lines that fit ``width``."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=typeface) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def cover(title, author, colour, size=(600, 850)):
    """A designed book cover: a band of pattern, the title set large, the author below."""
    width, height = size
    rng = random.Random(title)
    image = vertical_gradient(size, shade(colour, 1.15), shade(colour, 0.8))
    draw = ImageDraw.Draw(image)
    for index in range(9):
        radius = rng.randint(width // 10, width // 3)
        x, y = rng.randint(0, width), rng.randint(0, int(height * 0.45))
        draw.ellipse([x - radius, y - radius, x + radius, y + radius],
                     outline=shade(colour, 1.45), width=3 + index % 3)
    draw.rectangle([0, int(height * 0.5), width, int(height * 0.53)], fill=(242, 177, 52))
    title_font = font(width // 11)
    lines = wrap(title.upper(), draw, title_font, width * 0.82)
    y = int(height * 0.58)
    for line in lines:
        draw.text((width * 0.09, y), line, font=title_font, fill=(255, 255, 255))
        y += int(width / 11 * 1.25)
    draw.text((width * 0.09, height * 0.9), author, font=font(width // 24, "Medium"),
              fill=shade(colour, 1.8))
    draw.line([0, 0, 0, height], fill=shade(colour, 0.6), width=14)
    return camera(image, rng).filter(ImageFilter.SMOOTH)


def sketch_map(places, bounds, coast, size=(1200, 800)):
    """A sketch map: land above the ``coast`` line, the sea and its islands below, a dot and a
    name for each ``(name, longitude, latitude)`` place; ``bounds`` is (west, south, east,
    north)."""
    width, height = size
    west, south, east, north = bounds
    rng = random.Random("map")

    def point(longitude, latitude):
        return (width * (longitude - west) / (east - west),
                height * (north - latitude) / (north - south))

    image = vertical_gradient(size, (178, 214, 230), (140, 190, 214))
    draw = ImageDraw.Draw(image)
    shore = [point(*spot) for spot in coast]
    draw.polygon([(0, 0), (width, 0), *reversed(shore)], fill=(226, 220, 188))
    draw.line(shore, fill=(150, 138, 104), width=3)
    for _island in range(70):
        x, y = rng.uniform(0.2, 1) * width, rng.uniform(0.55, 1) * height
        if y < max(line_y for _x, line_y in shore if abs(_x - x) < width / 8) + 20:
            continue
        radius = rng.randint(3, 18)
        draw.ellipse([x - radius, y - radius * 0.6, x + radius, y + radius * 0.6],
                     fill=(212, 206, 170), outline=(150, 138, 104))
    for step in range(1, 8):  # a faint grid, as on a printed map
        draw.line([(width * step / 8, 0), (width * step / 8, height)], fill=(196, 206, 200))
    label = font(max(14, width // 50), "SemiBold")
    for name, longitude, latitude in places:
        x, y = point(longitude, latitude)
        draw.ellipse([x - 7, y - 7, x + 7, y + 7], fill=(176, 40, 40), outline=(255, 255, 255),
                     width=2)
        right_side = x > width * 0.8
        draw.text((x - 12 if right_side else x + 12, y), name, font=label,
                  anchor="rm" if right_side else "lm", fill=(40, 34, 26),
                  stroke_width=3, stroke_fill=(246, 242, 226))
    return image

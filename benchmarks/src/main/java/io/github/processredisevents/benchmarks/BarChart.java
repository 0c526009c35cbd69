/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.processredisevents.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Horizontal bar charts drawn with Java2D: panels of labelled groups of bars, on a linear
 * or logarithmic axis, written as one PNG.
 */
final class BarChart {

	private static final int WIDTH = 1400;

	private static final int LABEL_WIDTH = 470;

	private static final int PLOT_LEFT = LABEL_WIDTH + 20;

	private static final int PLOT_RIGHT = WIDTH - 150;

	private static final int BAR_HEIGHT = 18;

	private static final int GROUP_GAP = 10;

	private static final int PANEL_HEADER = 56;

	private static final int PANEL_FOOTER = 36;

	private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 22);

	private static final Font HEADING = new Font(Font.SANS_SERIF, Font.BOLD, 17);

	private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

	private BarChart() {
	}

	static void write(Path file, String title, String subtitle, List<Panel> panels) {
		int height = 90;
		for (Panel panel : panels) {
			height += panel.height();
		}
		BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, WIDTH, height);
		g.setColor(Color.BLACK);
		g.setFont(TITLE);
		g.drawString(title, 20, 36);
		g.setFont(TEXT);
		g.setColor(Color.DARK_GRAY);
		g.drawString(subtitle, 20, 62);
		int top = 90;
		for (Panel panel : panels) {
			draw(g, panel, top);
			top += panel.height();
		}
		g.dispose();
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			ImageIO.write(image, "png", file.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void draw(Graphics2D g, Panel panel, int top) {
		g.setColor(Color.BLACK);
		g.setFont(HEADING);
		g.drawString(panel.title(), 20, top + 24);
		g.setFont(TEXT);
		int legendX = 20;
		for (Series series : panel.series()) {
			g.setColor(series.color());
			g.fillRect(legendX, top + 34, 12, 12);
			g.setColor(Color.DARK_GRAY);
			g.drawString(series.name(), legendX + 16, top + 45);
			legendX += 30 + g.getFontMetrics().stringWidth(series.name());
		}
		Axis axis = Axis.of(panel);
		int plotTop = top + PANEL_HEADER;
		int plotBottom = top + panel.height() - PANEL_FOOTER;
		g.setFont(TEXT);
		for (double tick : axis.ticks()) {
			int x = axis.x(tick);
			g.setColor(new Color(225, 225, 225));
			g.drawLine(x, plotTop, x, plotBottom);
			g.setColor(Color.GRAY);
			String text = panel.formatTick(tick);
			g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, plotBottom + 18);
		}
		g.setColor(Color.GRAY);
		g.setStroke(new BasicStroke(1));
		g.drawLine(PLOT_LEFT, plotTop, PLOT_LEFT, plotBottom);
		int y = plotTop + 6;
		for (Group group : panel.groups()) {
			int groupHeight = group.values().size() * BAR_HEIGHT;
			g.setColor(group.ours() ? new Color(20, 20, 20) : new Color(90, 90, 90));
			g.setFont(group.ours() ? TEXT.deriveFont(Font.BOLD) : TEXT);
			String label = group.label();
			while (g.getFontMetrics().stringWidth(label) > LABEL_WIDTH && label.length() > 4) {
				label = label.substring(0, label.length() - 2);
			}
			g.drawString(label, PLOT_LEFT - 10 - g.getFontMetrics().stringWidth(label), y + groupHeight / 2 + 5);
			g.setFont(TEXT);
			for (int i = 0; i < group.values().size(); i++) {
				double value = group.values().get(i);
				Series series = panel.series().get(i);
				Color color = group.ours() ? series.color() : series.color().darker();
				int end = Double.isNaN(value) ? PLOT_LEFT : axis.x(value);
				g.setColor(group.ours() ? color : desaturate(color));
				g.fillRect(PLOT_LEFT + 1, y + i * BAR_HEIGHT + 1, Math.max(1, end - PLOT_LEFT), BAR_HEIGHT - 3);
				g.setColor(Color.BLACK);
				g.drawString(panel.format(value), end + 6, y + i * BAR_HEIGHT + BAR_HEIGHT - 4);
			}
			y += groupHeight + GROUP_GAP;
		}
	}

	private static Color desaturate(Color color) {
		float[] hsb = Color.RGBtoHSB(color.getRed(), color.getGreen(), color.getBlue(), null);
		return Color.getHSBColor(hsb[0], hsb[1] * 0.25f, Math.min(1f, hsb[2] * 0.9f + 0.1f));
	}

	/**
	 * A series of bars, one per group.
	 *
	 * @param name its legend
	 * @param color its colour for this library (baselines are drawn greyed)
	 */
	record Series(String name, Color color) {

	}

	/**
	 * One labelled group: one value per series.
	 *
	 * @param label the label
	 * @param ours whether it is this library
	 * @param values one value per series
	 */
	record Group(String label, boolean ours, List<Double> values) {

	}

	/**
	 * One chart.
	 *
	 * @param title the heading
	 * @param series the bars in each group
	 * @param groups the groups
	 * @param logarithmic whether the axis is logarithmic
	 * @param unit appended to values
	 * @param decimals decimals shown
	 */
	record Panel(String title, List<Series> series, List<Group> groups, boolean logarithmic, String unit,
			int decimals) {

		int height() {
			int bars = 0;
			for (Group group : this.groups) {
				bars += group.values().size() * BAR_HEIGHT + GROUP_GAP;
			}
			return PANEL_HEADER + bars + PANEL_FOOTER + 20;
		}

		String formatTick(double value) {
			int decimals = (value > 0 && value < 1) ? (int) Math.ceil(-Math.log10(value) - 1e-9) : 0;
			return String.format("%,." + decimals + "f", value) + this.unit;
		}

		String format(double value) {
			if (Double.isNaN(value)) {
				return "n/a";
			}
			return String.format("%,." + this.decimals + "f", value) + this.unit;
		}

	}

	private record Axis(double min, double max, boolean logarithmic, List<Double> ticks) {

		static Axis of(Panel panel) {
			double largest = panel.groups()
				.stream()
				.flatMap((group) -> group.values().stream())
				.filter((value) -> !Double.isNaN(value))
				.mapToDouble(Double::doubleValue)
				.max()
				.orElse(1);
			if (panel.logarithmic()) {
				double smallest = panel.groups()
					.stream()
					.flatMap((group) -> group.values().stream())
					.filter((value) -> value > 0)
					.mapToDouble(Double::doubleValue)
					.min()
					.orElse(0.01);
				double low = Math.pow(10, Math.floor(Math.log10(smallest)));
				double high = Math.pow(10, Math.ceil(Math.log10(largest * 1.5)));
				List<Double> ticks = new java.util.ArrayList<>();
				for (double tick = low; tick <= high * 1.001; tick *= 10) {
					ticks.add(tick);
				}
				return new Axis(low, high, true, ticks);
			}
			double step = niceStep(largest * 1.1 / 5);
			double high = Math.ceil(largest * 1.1 / step) * step;
			List<Double> ticks = new java.util.ArrayList<>();
			for (double tick = 0; tick <= high * 1.001; tick += step) {
				ticks.add(tick);
			}
			return new Axis(0, high, false, ticks);
		}

		int x(double value) {
			double fraction;
			if (this.logarithmic) {
				double clamped = Math.max(this.min, value);
				fraction = Math.log(clamped / this.min) / Math.log(this.max / this.min);
			}
			else {
				fraction = value / this.max;
			}
			return PLOT_LEFT + (int) Math.round(fraction * (PLOT_RIGHT - PLOT_LEFT));
		}

		private static double niceStep(double rough) {
			double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
			for (double factor : new double[] { 1, 2, 2.5, 5, 10 }) {
				if (factor * magnitude >= rough) {
					return factor * magnitude;
				}
			}
			return 10 * magnitude;
		}

	}

}

#version 300 es
// Vertex colour times the atlas's coverage (one channel: glyphs and the white pixel, no colours of
// their own); blending does the rest.
precision mediump float;
uniform sampler2D u_texture;
in vec2 v_uv;
in vec4 v_color;
out vec4 o_color;
void main() {
  o_color = vec4(v_color.rgb, v_color.a * texture(u_texture, v_uv).r);
}

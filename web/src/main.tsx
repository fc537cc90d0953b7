import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app";
import { prefetchFirstScreen } from "./app/first-screen";
import { preloadScreen } from "./app/router";
import "./app/styles.css";
import "./app/responsive.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
preloadScreen(window.location.pathname);
void prefetchFirstScreen(window.location);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
